// What the demo town's shops sell: for each trade, its category, a few believable listings with
// the photos they would show, and examples of past work. Prices are written in dalasi for
// reading and stored in butut (1 GMD = 100 butut), the minor units the app keeps.
import { DEFAULT_BOOKING_RULES, type BookingRulesInput } from '../src/models/booking/rules'
import type {
  PackageInput,
  ProductInput,
  ServiceInput,
  ServiceLocation,
  VariantInput,
} from '../src/models/listing'
import type { PictureSubject } from './demo-pictures'

export type TradeKey =
  | 'plumbing'
  | 'electrical'
  | 'tailoring'
  | 'kitchen'
  | 'honey'
  | 'lessons'
  | 'hair'
  | 'phone-repair'
  | 'fish'
  | 'cleaning'
  | 'designs'
  | 'second-hand'

/** A photo a listing shows: which demo picture, and the alt text describing it for this listing. */
export type DemoPhoto = { subject: PictureSubject; alt: string }
type Shown = { photos: DemoPhoto[] }
export type ListingTemplate = (ServiceInput & Shown) | (ProductInput & Shown)

export type TradeCatalog = {
  /** The storefront's cover picture first, then its avatar. */
  pictures: PictureSubject[]
  listings: ListingTemplate[]
  portfolio: { subject: PictureSubject; caption: string }[]
}

/** 150 (dalasi) → 15 000 (butut). */
export function gmd(amount: number): number {
  return Math.round(amount * 100)
}

type Common = {
  title: string
  description: string
  /** Comma-separated, as a provider types them. */
  tags: string
  categoryId: number
  photos: [PictureSubject, string][]
}

function service(
  template: Common & {
    /** Name, what's included, price in dalasi, turnaround in days. */
    packages: [string, string, number, number | null][]
    where: ServiceLocation[]
    minutes?: number
    /** Booked by the slot, with these of the market's usual rules changed; absent: not booked. */
    booking?: Partial<BookingRulesInput>
  },
): ListingTemplate {
  const packages: PackageInput[] = template.packages.map(
    ([name, included, price, turnaroundDays]) => ({
      name,
      included,
      price: gmd(price),
      turnaroundDays,
    }),
  )
  return {
    ...common(template),
    kind: 'service',
    packages,
    serviceLocations: template.where,
    durationMinutes: template.minutes ?? null,
    // Booked by the slot when the trade books (and says how long), the rules as its provider set them.
    booking:
      template.booking && template.minutes
        ? { ...DEFAULT_BOOKING_RULES, ...template.booking }
        : null,
  }
}

function goods(
  template: Common & {
    /** Price in dalasi and a typical stock, or variants (name, price in dalasi, typical stock). */
    price?: number
    stock?: number
    variants?: [string, number, number][]
    pickup?: boolean
    /** Delivery fee in dalasi; absent when there is no delivery. */
    deliveryFee?: number
  },
): ListingTemplate {
  const variants: VariantInput[] = (template.variants ?? []).map(([name, price, stock]) => ({
    name,
    price: gmd(price),
    stock,
  }))
  return {
    ...common(template),
    kind: 'product',
    price: template.price === undefined ? null : gmd(template.price),
    stock: template.stock ?? null,
    variants,
    pickup: template.pickup ?? true,
    delivery: template.deliveryFee !== undefined,
    deliveryFee: template.deliveryFee === undefined ? null : gmd(template.deliveryFee),
  }
}

function common({ title, description, tags, categoryId, photos }: Common) {
  return {
    title,
    description,
    categoryId,
    tags: tags.split(',').map((tag) => tag.trim()),
    photos: photos.map(([subject, alt]) => ({ subject, alt })),
  }
}

const lines = (...paragraphs: string[]) => paragraphs.join('\n')

// Category ids are the fixed ones of db/migrations/0002_default-categories.sql.
export const CATALOG: Record<TradeKey, TradeCatalog> = {
  plumbing: {
    pictures: ['drop', 'wrench'],
    listings: [
      service({
        title: 'Leaking tap repair',
        description: lines(
          'A dripping tap wastes a bucket of water a day.',
          'I replace washers and cartridges, or fit a new tap if the old one is past saving.',
          '',
          'Parts are charged at cost; I show you the receipt.',
        ),
        tags: 'taps,leaks,kitchen,bathroom,plumber',
        categoryId: 101,
        packages: [
          ['Call-out and diagnosis', 'I find the leak and tell you what it needs.', 300, 1],
          ['Repair with standard parts', 'New washer or cartridge, tested on the spot.', 600, 1],
          ['New tap fitted', 'Removal of the old tap, a new mixer tap fitted.', 1200, 2],
        ],
        where: ['customer'],
        minutes: 60,
        // Half an hour after each visit to pack up and get across town to the next.
        booking: { bufferMinutes: 30 },
        photos: [
          ['drop', 'Water dripping from a kitchen tap'],
          ['wrench', 'Spanner used to fit a new tap'],
        ],
      }),
      service({
        title: 'Blocked drain cleared',
        description: lines(
          'Sinks, showers and outside drains cleared with rods and a pump.',
          'No chemicals that eat your pipes.',
        ),
        tags: 'drains,blockages,emergency,plumber',
        categoryId: 101,
        packages: [
          ['Indoor drain', 'One sink, shower or toilet.', 450, 1],
          ['Outside drain', 'Yard drain or soak-away line, up to 10 m.', 900, 1],
        ],
        where: ['customer'],
        minutes: 90,
        photos: [['drop', 'Clear water running down a drain after unblocking']],
      }),
      service({
        title: 'Water tank installation',
        description: lines(
          'Polytank on a stand or on the roof, connected to your house supply.',
          'I bring the fittings and take the packaging away.',
          '',
          'Tank not included: tell me the size and I can buy it for you.',
        ),
        tags: 'water tanks,polytank,installation,plumber',
        categoryId: 101,
        packages: [
          ['1000-litre tank', 'Connection, overflow and a shut-off valve.', 1800, 2],
          ['2000-litre tank', 'Connection, overflow, shut-off valve and float valve.', 2600, 3],
          ['Tank with steel stand', 'The 2000-litre fitting plus a welded 2 m stand.', 6500, 7],
        ],
        where: ['customer'],
        photos: [
          ['drop', 'Water tank filling up on a raised stand'],
          ['wrench', 'Fittings laid out for a tank connection'],
        ],
      }),
      service({
        title: 'Toilet cistern fix',
        description: lines(
          'Cistern that keeps running or will not flush?',
          'New float valve, flush mechanism or seal, usually in under an hour.',
        ),
        tags: 'toilets,cisterns,leaks,plumber',
        categoryId: 101,
        packages: [['Cistern repair', 'Labour and standard parts.', 550, 1]],
        where: ['customer'],
        minutes: 60,
        photos: [['wrench', 'Toilet cistern opened up for repair']],
      }),
    ],
    portfolio: [
      { subject: 'drop', caption: 'New 2000-litre tank on a roof in Brufut' },
      { subject: 'wrench', caption: 'Kitchen pipes replaced after a burst, Tanji village' },
    ],
  },

  electrical: {
    pictures: ['bolt', 'wrench'],
    listings: [
      service({
        title: 'New socket or light switch',
        description: lines(
          'Extra sockets where you need them, switches that work again.',
          'Safe wiring, tidy trunking, no loose cables.',
        ),
        tags: 'sockets,switches,wiring,electrician',
        categoryId: 102,
        packages: [
          ['One socket or switch', 'Supply and fit, tested.', 400, 1],
          ['Three sockets or switches', 'Supply and fit, tested.', 1000, 1],
        ],
        where: ['customer'],
        minutes: 60,
        booking: { bufferMinutes: 15 },
        photos: [['bolt', 'New double socket on a freshly painted wall']],
      }),
      service({
        title: 'Solar panel installation',
        description: lines(
          'Keep the fridge and lights on through NAWEC cuts.',
          'Panels, charge controller, inverter and battery, sized to what you run.',
          '',
          'Price is for the installation; I quote the equipment separately.',
        ),
        tags: 'solar,batteries,inverters,power cuts,electrician',
        categoryId: 102,
        packages: [
          ['Small system', 'Up to 2 panels: lights, fans and phone charging.', 2500, 2],
          ['Family house', 'Up to 6 panels, fridge included.', 6000, 4],
          ['Shop or compound', 'Up to 12 panels, two inverters.', 12000, 7],
        ],
        where: ['customer'],
        photos: [
          ['bolt', 'Solar panels on a corrugated roof'],
          ['wrench', 'Inverter and battery mounted on a wall'],
        ],
      }),
      service({
        title: 'Wiring safety check',
        description: lines(
          'Sparks, warm plugs or a breaker that keeps tripping?',
          'I check the whole installation and give you a written list of what needs doing.',
        ),
        tags: 'inspection,safety,breakers,electrician',
        categoryId: 102,
        packages: [['House check', 'Every circuit tested, written report.', 800, 2]],
        where: ['customer'],
        minutes: 120,
        photos: [['bolt', 'Breaker board with labelled circuits']],
      }),
    ],
    portfolio: [
      { subject: 'bolt', caption: 'Six-panel solar system for a family in Madiyana' },
      { subject: 'wrench', caption: 'Rewired shop, Sanyang road' },
    ],
  },

  tailoring: {
    pictures: ['spool', 'comb'],
    listings: [
      service({
        title: 'Trouser and dress alterations',
        description: lines(
          'Hems, waists and sleeves taken in or let out.',
          'Small jobs done while you wait.',
        ),
        tags: 'alterations,hemming,repairs,tailor',
        categoryId: 121,
        packages: [
          ['Hem', 'Trousers, skirt or dress.', 100, 0],
          ['Take in or let out', 'Waist or side seams.', 250, 1],
          ['Full refit', 'Everything that needs adjusting on one garment.', 500, 3],
        ],
        where: ['provider'],
        minutes: 30,
        photos: [['spool', 'Spool of thread and needle for alterations']],
      }),
      service({
        title: 'Naming-ceremony kaftan made to measure',
        description: lines(
          'Bring your wax print or bazin, or choose from my fabrics.',
          'Measured at my workshop; ready in a week.',
          '',
          'Embroidery on the neckline on request.',
        ),
        tags: 'kaftan,bazin,naming ceremony,made to measure,tailor',
        categoryId: 121,
        packages: [
          ['Your fabric', 'Cutting and sewing.', 900, 7],
          ['My fabric', 'Wax print from my stock, cut and sewn.', 1800, 7],
          ['Embroidered', 'Bazin with hand embroidery on the neckline.', 3500, 14],
        ],
        where: ['provider'],
        photos: [
          ['spool', 'Embroidered kaftan neckline in gold thread'],
          ['comb', 'Wax print fabrics folded on a shelf'],
        ],
      }),
      goods({
        title: 'Wax print shirts',
        description: lines(
          'Short-sleeved shirts in bright wax print, sewn in my workshop.',
          'Each pattern is a small batch: when it is gone, it is gone.',
        ),
        tags: 'shirts,wax print,ready to wear,tailor',
        categoryId: 123,
        variants: [
          ['Medium', 750, 4],
          ['Large', 750, 5],
          ['Extra large', 850, 3],
        ],
        deliveryFee: 50,
        photos: [
          ['spool', 'Wax print shirt with orange and blue pattern'],
          ['comb', 'Shirts hanging in the workshop'],
        ],
      }),
    ],
    portfolio: [
      { subject: 'spool', caption: 'Matching outfits for a wedding party of eight' },
      { subject: 'comb', caption: 'Embroidered bazin grand boubou' },
    ],
  },

  kitchen: {
    pictures: ['pot', 'fish'],
    listings: [
      service({
        title: 'Party catering',
        description: lines(
          'Benachin, domoda or yassa with rice, salad and drinks, cooked fresh on the day.',
          'I bring the food hot in covered pots and collect them the next day.',
          '',
          'Order at least two days ahead.',
        ),
        tags: 'catering,parties,benachin,yassa,domoda,cook',
        categoryId: 128,
        packages: [
          ['20 guests', 'One main dish, rice, salad.', 4500, 2],
          ['50 guests', 'Two main dishes, rice, salad, wonjo juice.', 10500, 3],
          ['100 guests', 'Three main dishes, rice, salad, juices, serving staff.', 20000, 5],
        ],
        where: ['customer'],
        photos: [
          ['pot', 'Big pot of benachin for a party'],
          ['fish', 'Grilled fish served with yassa onions'],
        ],
      }),
      goods({
        title: 'Family pot of domoda',
        description: lines(
          'Groundnut stew with beef or chicken and rice, enough for a family of six.',
          'Collect it warm at lunchtime, or I deliver in Tanji.',
        ),
        tags: 'domoda,lunch,family meal,cook',
        categoryId: 128,
        variants: [
          ['With chicken', 650, 4],
          ['With beef', 750, 4],
        ],
        deliveryFee: 50,
        photos: [['pot', 'Pot of domoda with rice on the side']],
      }),
      goods({
        title: 'Chakery pots',
        description: lines(
          'Sweet millet couscous with yoghurt and a little nutmeg.',
          'Kept cold; best eaten the same day.',
        ),
        tags: 'chakery,dessert,yoghurt,cook',
        categoryId: 128,
        variants: [
          ['Small pot', 60, 20],
          ['Family pot', 250, 6],
        ],
        photos: [['pot', 'Bowl of chakery topped with nutmeg']],
      }),
      goods({
        title: 'Plate of yassa chicken',
        description: lines('Lemon and onion chicken with rice.', 'Ready from 12:30 every weekday.'),
        tags: 'yassa,lunch,takeaway,cook',
        categoryId: 128,
        price: 200,
        stock: 15,
        photos: [
          ['pot', 'Plate of yassa chicken with rice'],
          ['fish', 'Yassa fish, the Friday special'],
        ],
      }),
    ],
    portfolio: [
      { subject: 'pot', caption: 'Wedding lunch for 120 guests in Brufut' },
      { subject: 'fish', caption: 'Naming ceremony buffet' },
    ],
  },

  honey: {
    pictures: ['jar', 'drop'],
    listings: [
      goods({
        title: 'Forest honey',
        description: lines(
          'Raw honey from our hives at the edge of the forest park.',
          'Not heated, not blended: it may set in the cool season, which is a good sign.',
        ),
        tags: 'honey,raw,local',
        categoryId: 127,
        variants: [
          ['Small jar (250 g)', 250, 12],
          ['Large jar (500 g)', 450, 8],
          ['Family bottle (1 kg)', 850, 3],
        ],
        deliveryFee: 40,
        photos: [
          ['jar', 'Jar of golden forest honey'],
          ['drop', 'Honey dripping from a spoon'],
        ],
      }),
      goods({
        title: 'Mango jam',
        description: lines(
          'Made in season from Tanji mangoes and a little lime.',
          'Less sugar than shop jam, so keep it in the fridge once opened.',
        ),
        tags: 'jam,mango,preserves',
        categoryId: 127,
        variants: [
          ['Small jar', 150, 10],
          ['Large jar', 275, 6],
        ],
        photos: [
          ['jar', 'Jar of mango jam with a red lid'],
          ['drop', 'Mango jam spread on fresh tapalapa bread'],
        ],
      }),
      goods({
        title: 'Baobab jam',
        description: lines('Tangy jam from baobab fruit (monkey bread).', 'Lovely with yoghurt.'),
        tags: 'jam,baobab,preserves',
        categoryId: 127,
        price: 200,
        stock: 10,
        photos: [['jar', 'Jar of baobab jam']],
      }),
      goods({
        title: 'Honeycomb pieces',
        description: lines(
          'Cut straight from the frame, in a sealed tub.',
          'Only when the hives give more than we need.',
        ),
        tags: 'honeycomb,honey,raw',
        categoryId: 127,
        price: 350,
        stock: 5,
        pickup: true,
        photos: [['jar', 'Piece of honeycomb in a clear tub']],
      }),
    ],
    portfolio: [],
  },

  lessons: {
    pictures: ['book', 'pencil'],
    listings: [
      service({
        title: 'Maths tutoring',
        description: lines(
          'Patient help for primary and secondary pupils.',
          'We start from what your child finds hard, with homework from their own school.',
        ),
        tags: 'maths,tutoring,homework,tutor,teacher',
        categoryId: 111,
        packages: [
          ['One lesson', 'One hour.', 300, null],
          ['Four lessons', 'One hour a week for a month.', 1100, null],
          ['Term package', 'Twelve lessons and a practice test.', 3000, null],
        ],
        where: ['customer', 'provider'],
        minutes: 60,
        booking: { cancellationHours: 12 },
        photos: [
          ['book', 'Maths exercise book open on a desk'],
          ['pencil', 'Pencil and ruler ready for geometry'],
        ],
      }),
      service({
        title: 'WASSCE exam preparation',
        description: lines(
          'Past papers, timing practice and the topics that come up every year.',
          'A class of up to eight pupils: book a seat for each class you come to.',
        ),
        tags: 'wassce,exams,english,maths,tutor,teacher',
        categoryId: 111,
        packages: [
          ['One class', 'Two hours, past papers included.', 400, null],
          ['Class and marking', 'Two hours, and your practice paper marked after.', 600, null],
        ],
        where: ['provider', 'online'],
        minutes: 120,
        // A class: eight seats at each time, booked at once.
        booking: { capacity: 8, instantBook: true, cancellationHours: 12 },
        photos: [['book', 'Stack of WASSCE past papers']],
      }),
      service({
        title: 'English lessons for adults',
        description: lines(
          'Speaking and writing for work, travel or your children’s homework.',
          'Beginners welcome.',
        ),
        tags: 'english,adults,conversation,tutor,teacher',
        categoryId: 112,
        packages: [
          ['One lesson', 'One hour.', 350, null],
          ['Ten lessons', 'One hour each, with a workbook.', 3000, null],
        ],
        where: ['provider', 'online'],
        minutes: 60,
        booking: { instantBook: true, cancellationHours: 12 },
        photos: [
          ['book', 'English workbook and notes'],
          ['pencil', 'Pencil on a page of vocabulary'],
        ],
      }),
    ],
    portfolio: [],
  },

  hair: {
    pictures: ['comb', 'spool'],
    listings: [
      service({
        title: 'Box braids',
        description: lines(
          'Neat box braids, shoulder length or longer.',
          'Braiding hair included in black, brown or burgundy.',
          '',
          'Allow four to six hours.',
        ),
        tags: 'braids,box braids,hair,hairdresser',
        categoryId: 116,
        packages: [
          ['Shoulder length', 'Hair included.', 1200, 0],
          ['Waist length', 'Hair included.', 1800, 0],
        ],
        where: ['provider', 'customer'],
        minutes: 300,
        // A whole afternoon: booked a day ahead at least, cancelled two days ahead at most.
        booking: { noticeMinutes: 24 * 60, cancellationHours: 48 },
        photos: [
          ['comb', 'Finished box braids, shoulder length'],
          ['spool', 'Braiding hair in three colours'],
        ],
      }),
      service({
        title: 'Cornrows for children',
        description: lines(
          'Quick, gentle cornrows for school.',
          'Bring a film or a book; it takes about an hour.',
        ),
        tags: 'cornrows,children,school,hairdresser',
        categoryId: 116,
        packages: [['Cornrows', 'Simple straight-back style.', 300, 0]],
        where: ['provider'],
        minutes: 60,
        booking: { bufferMinutes: 15 },
        photos: [['comb', 'Child’s neat cornrows for school']],
      }),
      service({
        title: 'Wedding hair and make-up',
        description: lines(
          'For the bride and her party, at your home on the morning of the wedding.',
          'A trial session a week before is included for the bride.',
        ),
        tags: 'weddings,make-up,bridal hair,hairdresser',
        categoryId: 118,
        packages: [
          ['Bride', 'Trial, hair and make-up on the day.', 3500, null],
          ['Bride and three', 'Bride plus three bridesmaids or family.', 7000, null],
        ],
        where: ['customer'],
        minutes: 240,
        photos: [['comb', 'Bridal hair with gold pins']],
      }),
    ],
    portfolio: [{ subject: 'comb', caption: 'Bridal party of five, Tanji beach hotel' }],
  },

  'phone-repair': {
    pictures: ['phone', 'wrench'],
    listings: [
      service({
        title: 'Cracked screen replacement',
        description: lines(
          'New screen fitted in about an hour for most Android phones and iPhones.',
          'Three-month guarantee on the screen.',
        ),
        tags: 'screens,iphone,samsung,tecno,technician',
        categoryId: 136,
        packages: [
          ['Basic phone', 'Tecno, Itel, Infinix and similar.', 800, 0],
          ['Mid-range', 'Samsung A series, Redmi.', 1800, 1],
          ['Premium', 'iPhone and Samsung S series.', 4500, 2],
        ],
        where: ['provider'],
        minutes: 60,
        photos: [
          ['phone', 'Phone with a cracked screen before repair'],
          ['wrench', 'Screwdrivers and a suction cup for screen repair'],
        ],
      }),
      service({
        title: 'Battery replacement',
        description: lines(
          'Phone dying by lunchtime? A new battery makes it feel new again.',
          'Old batteries recycled safely.',
        ),
        tags: 'batteries,android,iphone,technician',
        categoryId: 136,
        packages: [
          ['Android', 'Battery and fitting.', 600, 0],
          ['iPhone', 'Battery and fitting.', 1200, 0],
        ],
        where: ['provider'],
        minutes: 45,
        // While you wait: booked at once, up to an hour before.
        booking: { instantBook: true, noticeMinutes: 60, cancellationHours: 2 },
        photos: [['phone', 'Phone opened up for a new battery']],
      }),
      goods({
        title: 'Fast phone chargers',
        description: lines(
          'Proper chargers that do not overheat, with a one-metre cable.',
          'Tested in the shop before you take them.',
        ),
        tags: 'chargers,cables,usb-c,technician',
        categoryId: 145,
        variants: [
          ['USB-C', 300, 15],
          ['Micro-USB', 250, 10],
          ['iPhone (Lightning)', 450, 6],
        ],
        photos: [['phone', 'Phone charging with a USB-C cable']],
      }),
    ],
    portfolio: [],
  },

  fish: {
    pictures: ['fish', 'pot'],
    listings: [
      goods({
        title: 'Fresh bonga',
        description: lines(
          'Landed at Tanji beach this morning.',
          'Scaled and gutted for free; tell me if you want it cut for frying.',
        ),
        tags: 'bonga,fresh fish,tanji,fishmonger',
        categoryId: 129,
        variants: [
          ['1 kg', 100, 20],
          ['3 kg', 280, 10],
        ],
        deliveryFee: 30,
        photos: [
          ['fish', 'Fresh bonga on ice at Tanji beach'],
          ['pot', 'Bonga cooking in a tomato stew'],
        ],
      }),
      goods({
        title: 'Ladyfish (per kilo)',
        description: lines('Firm white fish, good for grilling.', 'Ask for steaks or whole fish.'),
        tags: 'ladyfish,fresh fish,grilling,fishmonger',
        categoryId: 129,
        price: 250,
        stock: 12,
        deliveryFee: 30,
        photos: [['fish', 'Whole ladyfish ready for the grill']],
      }),
      goods({
        title: 'Smoked catfish',
        description: lines(
          'Smoked over wood in Tanji’s smoke houses.',
          'Keeps for weeks: perfect for domoda and soups.',
        ),
        tags: 'smoked fish,catfish,soup,fishmonger',
        categoryId: 129,
        variants: [
          ['Small piece', 150, 15],
          ['Whole fish', 450, 6],
        ],
        photos: [['fish', 'Smoked catfish on a drying rack']],
      }),
      goods({
        title: 'Prawns (per kilo)',
        description: lines('Fresh prawns when the boats bring them.', 'Peeled on request.'),
        tags: 'prawns,seafood,fishmonger',
        categoryId: 129,
        price: 600,
        stock: 6,
        photos: [['fish', 'Bowl of fresh prawns']],
      }),
    ],
    portfolio: [],
  },

  cleaning: {
    pictures: ['drop', 'book'],
    listings: [
      service({
        title: 'Weekly house cleaning',
        description: lines(
          'Sweeping, mopping, kitchen and bathroom, every week on the same day.',
          'I bring my own supplies.',
        ),
        tags: 'cleaning,weekly,house,cleaner',
        categoryId: 107,
        packages: [
          ['Flat', 'Up to two rooms, kitchen and bathroom.', 500, null],
          ['Family house', 'Up to five rooms.', 900, null],
          ['Compound', 'House and yard.', 1400, null],
        ],
        where: ['customer'],
        minutes: 180,
        booking: {},
        photos: [['drop', 'Freshly mopped tiled floor']],
      }),
      service({
        title: 'Laundry and ironing',
        description: lines(
          'Washed, dried and ironed within two days.',
          'Collected and brought back in Tanji.',
        ),
        tags: 'laundry,ironing,washing,cleaner',
        categoryId: 108,
        packages: [
          ['One basket', 'About 20 pieces.', 250, 2],
          ['Three baskets', 'About 60 pieces.', 650, 2],
        ],
        where: ['customer'],
        photos: [['drop', 'Folded laundry ready to return']],
      }),
      service({
        title: 'Move-out deep clean',
        description: lines(
          'Walls wiped, windows, cupboards inside and out, floors scrubbed.',
          'Get your deposit back.',
        ),
        tags: 'deep cleaning,move-out,windows,cleaner',
        categoryId: 109,
        packages: [
          ['Flat', 'Up to three rooms.', 1800, 1],
          ['House', 'Up to six rooms.', 3200, 2],
        ],
        where: ['customer'],
        photos: [
          ['drop', 'Sparkling clean kitchen after a move-out clean'],
          ['book', 'Checklist for a move-out clean'],
        ],
      }),
    ],
    portfolio: [{ subject: 'drop', caption: 'Holiday flat cleaned between guests' }],
  },

  designs: {
    pictures: ['pencil', 'book'],
    listings: [
      service({
        title: 'Logo design',
        description: lines(
          'A simple, strong logo that works on a shop sign, a T-shirt and WhatsApp.',
          'You get the files in every size you need.',
        ),
        tags: 'logos,branding,design,designer',
        categoryId: 134,
        packages: [
          ['Basic', 'Two ideas, one round of changes.', 2500, 3],
          ['Standard', 'Three ideas, three rounds of changes, colour guide.', 5000, 5],
          ['Full branding', 'Logo, colours, business card and flyer.', 9000, 10],
        ],
        where: ['online', 'provider'],
        photos: [
          ['pencil', 'Logo sketches in a notebook'],
          ['book', 'Finished logo on a business card'],
        ],
      }),
      service({
        title: 'Flyer and poster design',
        description: lines(
          'For your event, shop opening or church programme.',
          'Print-ready file, or I arrange the printing.',
        ),
        tags: 'flyers,posters,events,designer',
        categoryId: 134,
        packages: [
          ['One flyer', 'One side, two rounds of changes.', 1000, 2],
          ['Flyer and poster', 'Matching A5 flyer and A3 poster.', 1800, 3],
        ],
        where: ['online'],
        photos: [['pencil', 'Colourful flyer for a beach party']],
      }),
      service({
        title: 'Painted shop sign',
        description: lines(
          'Hand-painted signs on metal or wood that last in the sun and the salt air.',
          'Size up to 2 m by 1 m.',
        ),
        tags: 'signs,shop signs,painting,designer',
        categoryId: 137,
        packages: [['Shop sign', 'Design, painting and fixing.', 3500, 7]],
        where: ['customer'],
        photos: [
          ['pencil', 'Hand-painted sign for a fish stall'],
          ['book', 'Sign design drawn to scale'],
        ],
      }),
    ],
    portfolio: [
      { subject: 'pencil', caption: 'Logo and sign for a beach bar' },
      { subject: 'book', caption: 'Menu design for a restaurant in Brufut' },
    ],
  },

  'second-hand': {
    pictures: ['bicycle', 'phone'],
    listings: [
      goods({
        title: 'Used mountain bike',
        description: lines(
          '21 gears, new brake pads and chain, tyres in good condition.',
          'Test ride before you buy.',
        ),
        tags: 'bikes,mountain bike,used,second-hand',
        categoryId: 146,
        price: 4500,
        stock: 1,
        photos: [
          ['bicycle', 'Red mountain bike leaning on a wall'],
          ['wrench', 'New brake pads fitted on the bike'],
        ],
      }),
      goods({
        title: 'Wooden wardrobe',
        description: lines(
          'Solid mahogany, two doors and a drawer, 180 cm tall.',
          'A few scratches on one side; the doors close well.',
          '',
          'Collection only, or I can arrange a donkey cart.',
        ),
        tags: 'furniture,wardrobe,mahogany,second-hand',
        categoryId: 144,
        price: 6000,
        stock: 1,
        pickup: true,
        photos: [['book', 'Two-door mahogany wardrobe']],
      }),
      goods({
        title: 'Samsung Galaxy A12, 64 GB',
        description: lines(
          'Unlocked, battery holds a day, small scratch on the back.',
          'Reset to factory settings, with charger.',
        ),
        tags: 'phones,samsung,used,second-hand',
        categoryId: 145,
        price: 5500,
        stock: 1,
        photos: [
          ['phone', 'Samsung Galaxy A12 with its screen on'],
          ['bicycle', 'Phone and charger on the shop counter'],
        ],
      }),
      goods({
        title: 'Children’s bike',
        description: lines('For ages 5 to 8, with stabilisers.', 'Fresh paint, new bell.'),
        tags: 'bikes,children,used,second-hand',
        categoryId: 148,
        price: 2000,
        stock: 1,
        photos: [['bicycle', 'Small blue children’s bike with stabilisers']],
      }),
    ],
    portfolio: [],
  },
}
