// Ready scenarios that follow the lecture, each a share link: the
// playground's keys, or with `lab`, that lab's own keys.
/**
 * A scenario: its id, its name in each language, its link, and the lab it opens (none: the playground).
 * @typedef {{ id: string, link: string, lab?: string, en: string, [lang: string]: string | undefined }} Preset
 */
/** @type {Preset[]} */
export const PRESETS = [
  {
    id: 'linear-circle',
    en: 'A linear model fails on the circle',
    cs: 'Lineární model na kruhu selže',
    link: 'dataset=circle&layers=&features=x1,x2&lr=0.1&noise=0.1',
  },
  {
    id: 'features-circle',
    en: '…and the features x1², x2² rescue it',
    cs: '…a příznaky x1², x2² ho zachrání',
    link: 'dataset=circle&layers=&features=x1,x2,x1sq,x2sq&lr=0.1&noise=0.1',
  },
  {
    id: 'xor-linear',
    en: 'XOR: no line separates it',
    cs: 'XOR: žádná přímka ho neoddělí',
    link: 'dataset=xor&layers=&features=x1,x2&lr=0.1',
  },
  {
    id: 'xor-hidden',
    en: 'XOR needs a hidden layer',
    cs: 'XOR potřebuje skrytou vrstvu',
    link: 'dataset=xor&layers=4&activation=tanh&features=x1,x2&lr=0.1',
  },
  {
    id: 'linear-collapse',
    en: 'Linear activations collapse to one linear map',
    cs: 'Lineární aktivace splynou v jedno lineární zobrazení',
    link: 'dataset=circle&layers=8,8,8&activation=linear&features=x1,x2&lr=0.03',
  },
  {
    id: 'relu-circle',
    en: 'One ReLU layer bends the boundary',
    cs: 'Jedna vrstva ReLU ohne hranici',
    link: 'dataset=circle&layers=8&activation=relu&features=x1,x2&lr=0.03&init=he',
  },
  {
    id: 'deep-sigmoid',
    en: 'Deep sigmoid network: gradients vanish',
    cs: 'Hluboká síť se sigmoidou: gradienty mizí',
    link: 'dataset=spiral&layers=8,8,8,8,8,8&activation=sigmoid&features=x1,x2&lr=0.03',
  },
  {
    id: 'deep-relu',
    en: 'Deep ReLU network learns the spiral',
    cs: 'Hluboká síť s ReLU se naučí spirálu',
    link: 'dataset=spiral&layers=8,8,8,8,8,8&activation=relu&features=x1,x2&lr=0.01&optimizer=adam&init=he',
  },
  {
    id: 'overfit',
    en: 'Overfit a small noisy set',
    cs: 'Přeučení na malých zašuměných datech',
    link: 'dataset=circle&points=80&noise=0.35&layers=16,16,16&activation=relu&optimizer=adam&lr=0.01&init=he',
  },
  {
    id: 'regularise',
    en: '…then regularise it (L2, dropout)',
    cs: '…a pak ho regularizujte (L2, dropout)',
    link: 'dataset=circle&points=80&noise=0.35&layers=16,16,16&activation=relu&optimizer=adam&lr=0.01&init=he&reg=l2&regRate=0.01&dropout=0.2',
  },
  {
    id: 'early-stopping',
    en: 'Early stopping on validation loss',
    cs: 'Předčasné zastavení podle validační chyby',
    link: 'dataset=circle&points=80&noise=0.35&layers=16,16,16&activation=relu&optimizer=adam&lr=0.01&init=he&patience=30',
  },
  {
    id: 'softmax',
    en: 'Three classes with softmax',
    cs: 'Tři třídy se softmaxem',
    link: 'dataset=blobs&classes=3&layers=8&activation=relu&output=softmax&lr=0.03',
  },
  {
    id: 'spiral-arms',
    en: 'Five spiral arms, five classes',
    cs: 'Pět ramen spirály, pět tříd',
    link: 'dataset=spirals&classes=5&noise=0.1&layers=16,16,16&activation=relu&output=softmax&optimizer=adam&lr=0.01&init=he',
  },
  {
    id: 'table-line',
    en: 'The lecture table: a line does not fit',
    cs: 'Tabulka z přednášky: přímka nestačí',
    lab: 'regression',
    link: 'features=x&fit=1',
  },
  {
    id: 'table-feature',
    en: '…add the feature x² and the fit is exact',
    cs: '…přidejte příznak x² a proložení je přesné',
    lab: 'regression',
    link: 'features=x,x2&fit=1',
  },
  {
    id: 'approx-bump',
    en: 'Universal approximation: two sigmoids make a bump',
    cs: 'Univerzální aproximace: dvě sigmoidy udělají hrb',
    lab: 'approx',
    link: 'target=bump&activation=sigmoid&units=6:6:1,6:-6:-1&bias=0',
  },
  {
    id: 'approx-steps',
    en: '…and steps make any curve: sin x from eleven sigmoids',
    cs: '…a schody udělají jakoukoli křivku: sin x z jedenácti sigmoid',
    lab: 'approx',
    link: 'target=sin&activation=sigmoid&units=8:20:-0.448,8:16:-0.259,8:12:0,8:8:0.259,8:4:0.448,8:0:0.518,8:-4:0.448,8:-8:0.259,8:-12:0,8:-16:-0.259,8:-20:-0.448&bias=-0.259',
  },
  {
    id: 'universal',
    en: 'Universal approximation: one hidden layer fits sin x',
    cs: 'Univerzální aproximace: jedna skrytá vrstva proloží sin x',
    link: 'dataset=sin&layers=16&activation=tanh&optimizer=adam&lr=0.01&noise=0.1',
  },
  {
    id: 'zero-init',
    en: 'Zero initialisation: every neuron stays the same',
    cs: 'Nulová inicializace: všechny neurony zůstanou stejné',
    link: 'dataset=circle&layers=4,4&activation=tanh&init=zero&lr=0.1',
  },
];
