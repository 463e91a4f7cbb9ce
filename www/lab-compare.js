// The side-by-side lab: the playground's setting against one change (lab-pair.js).
export { CompareView as default } from './lab-pair.js';
