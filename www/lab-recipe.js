// The recipe: six cards, each a pair of runs set up and checked (lab-pair.js).
export { RecipeView as default } from './lab-pair.js';
