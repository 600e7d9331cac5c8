// The demo town's pictures, drawn on the spot: a colourful gradient, soft light and one big
// simple shape per subject. No image files ship with the repository, and the same subject always
// gives the same bytes (so content addressing stores each picture once, however often we seed).
import sharp from 'sharp'

export const PICTURE_SUBJECTS = [
  'drop',
  'wrench',
  'bolt',
  'spool',
  'pot',
  'jar',
  'book',
  'comb',
  'phone',
  'fish',
  'pencil',
  'bicycle',
] as const
export type PictureSubject = (typeof PICTURE_SUBJECTS)[number]

export const PICTURE_WIDTH = 800
export const PICTURE_HEIGHT = 600

type Scene = { background: [string, string]; shape: string }

const SCENES: Record<PictureSubject, Scene> = {
  drop: {
    background: ['#0b3d91', '#4fc3f7'],
    shape: `<path d="M400 80 C455 185 565 285 565 390 A165 165 0 0 1 235 390 C235 285 345 185 400 80Z" fill="#e3f6ff"/>
      <ellipse cx="335" cy="395" rx="28" ry="60" fill="#ffffff" fill-opacity="0.8" transform="rotate(-20 335 395)"/>`,
  },
  wrench: {
    background: ['#bf360c', '#ffb74d'],
    shape: `<g transform="rotate(-40 400 300)">
      <rect x="368" y="230" width="64" height="330" rx="32" fill="#37474f"/>
      <circle cx="400" cy="170" r="80" fill="none" stroke="#37474f" stroke-width="64" stroke-dasharray="430 73"
        transform="rotate(-118 400 170)"/>
    </g>`,
  },
  bolt: {
    background: ['#1a237e', '#3949ab'],
    shape: `<polygon points="450,70 250,350 385,350 335,540 565,240 425,240 500,70" fill="#ffd600"
      stroke="#fff59d" stroke-width="10" stroke-linejoin="round"/>`,
  },
  spool: {
    background: ['#ad1457', '#f48fb1'],
    shape: `<rect x="300" y="170" width="180" height="260" fill="#ffeb3b"/>
      ${[0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => `<line x1="300" x2="480" y1="${190 + i * 28}" y2="${198 + i * 28}" stroke="#f9a825" stroke-width="6"/>`).join('')}
      <rect x="265" y="135" width="250" height="44" rx="12" fill="#8d6e63"/>
      <rect x="265" y="422" width="250" height="44" rx="12" fill="#8d6e63"/>
      <line x1="580" y1="110" x2="650" y2="480" stroke="#eceff1" stroke-width="10" stroke-linecap="round"/>
      <path d="M480 300 C560 280 540 160 590 150" fill="none" stroke="#ffeb3b" stroke-width="5"/>`,
  },
  pot: {
    background: ['#e65100', '#ffcc80'],
    shape: `<rect x="230" y="275" width="340" height="200" rx="40" fill="#3e2723"/>
      <rect x="180" y="300" width="60" height="26" rx="13" fill="#3e2723"/>
      <rect x="560" y="300" width="60" height="26" rx="13" fill="#3e2723"/>
      <ellipse cx="400" cy="275" rx="190" ry="32" fill="#5d4037"/>
      <circle cx="400" cy="238" r="18" fill="#5d4037"/>
      ${[320, 400, 480].map((x) => `<path d="M${x} 200 c-25 -30 25 -50 0 -80 c-25 -30 25 -50 0 -80" fill="none" stroke="#ffffff" stroke-opacity="0.75" stroke-width="12" stroke-linecap="round"/>`).join('')}`,
  },
  jar: {
    background: ['#fff3c4', '#f9a825'],
    shape: `<rect x="285" y="195" width="230" height="300" rx="44" fill="#e08e0b" fill-opacity="0.92"/>
      <rect x="300" y="150" width="200" height="58" rx="10" fill="#c62828"/>
      <rect x="320" y="300" width="160" height="100" rx="10" fill="#fffde7"/>
      <polygon points="400,318 428,334 428,366 400,382 372,366 372,334" fill="#f9a825"/>
      <rect x="305" y="215" width="26" height="230" rx="13" fill="#ffffff" fill-opacity="0.35"/>`,
  },
  book: {
    background: ['#1b5e20', '#81c784'],
    shape: `<path d="M400 190 Q300 150 170 180 L170 460 Q300 430 400 470Z" fill="#fafafa"/>
      <path d="M400 190 Q500 150 630 180 L630 460 Q500 430 400 470Z" fill="#eeeeee"/>
      <line x1="400" y1="190" x2="400" y2="470" stroke="#9e9e9e" stroke-width="4"/>
      ${[0, 1, 2, 3, 4, 5].map((i) => `<line x1="200" x2="370" y1="${225 + i * 38}" y2="${218 + i * 38}" stroke="#90a4ae" stroke-width="8"/><line x1="430" x2="600" y1="${218 + i * 38}" y2="${225 + i * 38}" stroke="#90a4ae" stroke-width="8"/>`).join('')}`,
  },
  comb: {
    background: ['#4a148c', '#ce93d8'],
    shape: `<g transform="rotate(-12 400 300)">
      <rect x="200" y="220" width="400" height="70" rx="24" fill="#ffab40"/>
      ${Array.from({ length: 15 }, (_, i) => `<rect x="${214 + i * 26}" y="280" width="14" height="150" rx="7" fill="#ffab40"/>`).join('')}
    </g>`,
  },
  phone: {
    background: ['#004d40', '#26a69a'],
    shape: `<rect x="295" y="80" width="210" height="440" rx="34" fill="#212121"/>
      <rect x="312" y="125" width="176" height="350" rx="8" fill="#b3e5fc"/>
      <path d="M330 160 L390 250 L350 300 L440 420" fill="none" stroke="#ffffff" stroke-width="4"/>
      <circle cx="400" cy="102" r="7" fill="#616161"/>
      <rect x="370" y="490" width="60" height="10" rx="5" fill="#616161"/>`,
  },
  fish: {
    background: ['#006064', '#4dd0e1'],
    shape: `<polygon points="545,300 670,205 650,300 670,395" fill="#90a4ae"/>
      <ellipse cx="380" cy="300" rx="200" ry="100" fill="#cfd8dc"/>
      <path d="M320 210 Q380 150 450 205Z" fill="#90a4ae"/>
      <path d="M260 230 Q230 300 260 370" fill="none" stroke="#78909c" stroke-width="8"/>
      <circle cx="230" cy="280" r="16" fill="#263238"/>`,
  },
  pencil: {
    background: ['#0d47a1', '#90caf9'],
    shape: `<g transform="rotate(-30 400 300)">
      <rect x="150" y="265" width="60" height="70" rx="12" fill="#f48fb1"/>
      <rect x="205" y="265" width="40" height="70" fill="#b0bec5"/>
      <rect x="245" y="265" width="320" height="70" fill="#ffca28"/>
      <rect x="245" y="288" width="320" height="24" fill="#ffb300"/>
      <polygon points="565,265 665,300 565,335" fill="#ffe0b2"/>
      <polygon points="635,290 665,300 635,310" fill="#37474f"/>
    </g>`,
  },
  bicycle: {
    background: ['#f1f8e9', '#aed581'],
    shape: `<circle cx="240" cy="390" r="115" fill="none" stroke="#263238" stroke-width="16"/>
      <circle cx="560" cy="390" r="115" fill="none" stroke="#263238" stroke-width="16"/>
      <path d="M240 390 L350 240 L560 390 L400 390 Z M350 240 L330 200 M530 200 L560 390"
        fill="none" stroke="#d32f2f" stroke-width="14" stroke-linejoin="round" stroke-linecap="round"/>
      <rect x="295" y="186" width="80" height="22" rx="11" fill="#263238"/>
      <path d="M500 200 L550 200 L570 180" fill="none" stroke="#263238" stroke-width="12" stroke-linecap="round"/>`,
  },
}

/** An 800×600 JPEG of `subject`, as a phone would upload it. */
export function drawPicture(subject: PictureSubject): Promise<Buffer> {
  const { background, shape } = SCENES[subject]
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${PICTURE_WIDTH}" height="${PICTURE_HEIGHT}">
    <defs>
      <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">
        <stop offset="0" stop-color="${background[0]}"/><stop offset="1" stop-color="${background[1]}"/>
      </linearGradient>
      <radialGradient id="light" cx="0.3" cy="0.2" r="0.9">
        <stop offset="0" stop-color="#ffffff" stop-opacity="0.3"/><stop offset="1" stop-color="#ffffff" stop-opacity="0"/>
      </radialGradient>
    </defs>
    <rect width="100%" height="100%" fill="url(#bg)"/>
    ${bokeh(PICTURE_SUBJECTS.indexOf(subject))}
    <ellipse cx="400" cy="545" rx="270" ry="28" fill="#000000" fill-opacity="0.18"/>
    ${shape}
    <rect width="100%" height="100%" fill="url(#light)"/>
  </svg>`
  return sharp(Buffer.from(svg)).jpeg({ quality: 88 }).toBuffer()
}

/**
 * Big soft out-of-focus circles, placed differently for each picture. They read as a photo's
 * background; a fine pattern looked as good but doubled the AVIF encoding time.
 */
function bokeh(pictureIndex: number): string {
  return Array.from({ length: 7 }, (_, i) => {
    const k = pictureIndex * 7 + i
    return `<circle cx="${(k * 263) % PICTURE_WIDTH}" cy="${(k * 151) % PICTURE_HEIGHT}" r="${60 + ((k * 37) % 90)}" fill="#ffffff" fill-opacity="${0.06 + (k % 3) * 0.03}"/>`
  }).join('')
}
