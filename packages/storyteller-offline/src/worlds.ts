/**
 * Word lists keyed by category and theme (providers.md §1.6). A world matches a request when its
 * pattern matches one of the category or theme names; the story draws its setting, companion,
 * object and scenery from the matched worlds, and the quiz draws distractors from all of them.
 * `tags` let a kid's excluded tags remove an element (a kid who must not hear about dragons never
 * meets Ember).
 */

export interface Setting {
  /** Without article: also the quiz option, so it must appear verbatim in the story. */
  name: string;
  article: boolean;
  /** A clause describing it: "tall pine trees hummed in the wind". */
  look: string;
  tags?: string[];
}

export interface Companion {
  name: string;
  kind: string;
  /** First mention: "a little fox named Pip". */
  intro: string;
  tags?: string[];
}

export interface StoryObject {
  name: string;
  /** With its article: "a golden acorn". */
  withArticle: string;
  /** A clause: "it shone like a tiny sun". */
  look: string;
  tags?: string[];
}

export interface World {
  key: string;
  matches: RegExp;
  settings: Setting[];
  companions: Companion[];
  objects: StoryObject[];
  /** Someone who needs the object: "Grandma Owl". */
  elders: string[];
  /** A gathering the object is needed for: "the Harvest Picnic". */
  events: string[];
  /** Plain, short scenery sentences, fine for every age. */
  scenery: string[];
}

export const WORLDS: World[] = [
  {
    key: 'nature',
    matches: /animal|nature|ocean|sea|forest|farm|pet|garden/i,
    settings: [
      { name: 'Whispering Woods', article: true, look: 'tall pine trees hummed in the wind' },
      { name: 'Sunny Meadow Farm', article: false, look: 'red barns stood beside fields of yellow flowers' },
      {
        name: 'Coral Cove',
        article: false,
        look: 'gentle waves splashed over smooth pink rocks',
        tags: ['sea', 'water', 'ocean'],
      },
      {
        name: 'Willow Pond',
        article: false,
        look: 'long willow branches dipped into the still water',
        tags: ['water'],
      },
    ],
    companions: [
      { name: 'Pip', kind: 'fox', intro: 'a little fox named Pip' },
      { name: 'Rosie', kind: 'rabbit', intro: 'a fluffy rabbit named Rosie' },
      { name: 'Finn', kind: 'turtle', intro: 'a slow and clever turtle named Finn' },
      { name: 'Hazel', kind: 'owl', intro: 'a wise old owl named Hazel', tags: ['bird'] },
    ],
    objects: [
      { name: 'golden acorn', withArticle: 'a golden acorn', look: 'it shone like a tiny sun' },
      {
        name: 'blue feather',
        withArticle: 'a blue feather',
        look: 'it was as soft as a cloud',
        tags: ['bird'],
      },
      {
        name: 'shiny shell',
        withArticle: 'a shiny shell',
        look: 'it sang the song of the sea when you held it close',
        tags: ['sea'],
      },
      { name: 'silver bell', withArticle: 'a silver bell', look: 'it rang with a sweet, clear tinkle' },
    ],
    elders: ['Grandma Owl', 'Old Farmer Bea'],
    events: ['the Harvest Picnic', 'the Spring Flower Party'],
    scenery: [
      'Butterflies danced over the flowers.',
      'A little brook bubbled and giggled over the stones.',
      'Birds sang a cheerful song from the treetops.',
      'The grass was soft and cool under their feet.',
      'Bees buzzed from one bright flower to the next.',
      'Leaves rustled and swayed in the gentle breeze.',
    ],
  },
  {
    key: 'magic',
    matches: /fantasy|magic|fairy|folk|dragon|wizard|unicorn|princess|castle/i,
    settings: [
      { name: 'Crystal Castle', article: true, look: 'sparkling towers reached up into the clouds' },
      { name: 'Moonlit Kingdom', article: true, look: 'silver lanterns floated above the rooftops' },
      { name: 'Enchanted Garden', article: true, look: 'the flowers whispered secrets to each other' },
    ],
    companions: [
      { name: 'Sparkle', kind: 'unicorn', intro: 'a kind unicorn named Sparkle' },
      {
        name: 'Ember',
        kind: 'dragon',
        intro: 'a small, friendly dragon named Ember',
        tags: ['dragon', 'fire', 'monster'],
      },
      { name: 'Twinkle', kind: 'fairy', intro: 'a tiny fairy named Twinkle' },
      { name: 'Bramble', kind: 'troll', intro: 'a gentle troll named Bramble', tags: ['troll', 'monster'] },
    ],
    objects: [
      {
        name: 'magic wand',
        withArticle: 'a magic wand',
        look: 'tiny stars fizzed from its tip',
        tags: ['magic'],
      },
      {
        name: 'singing crystal',
        withArticle: 'a singing crystal',
        look: 'it hummed a soft tune in the sunlight',
      },
      { name: 'star key', withArticle: 'a star key', look: 'it glittered with every colour of the rainbow' },
      {
        name: 'silver crown',
        withArticle: 'a silver crown',
        look: 'it was light as a leaf and bright as the moon',
      },
    ],
    elders: ['the kind Queen Amara', 'old Wizard Wembley'],
    events: ['the Moonlight Parade', 'the Royal Rainbow Ball'],
    scenery: [
      'Rainbow bubbles floated through the air.',
      'The path glittered as if someone had spilled stardust on it.',
      'Tiny bells chimed somewhere far away.',
      'Flowers opened and closed as if they were breathing.',
      'A warm, sweet smell of honey cakes drifted by.',
      'Clouds shaped like little boats sailed across the sky.',
    ],
  },
  {
    key: 'adventure',
    matches: /adventure|action|superhero|hero|freedom|explor|pirate|courage|brave/i,
    settings: [
      { name: 'Thunder Mountain', article: false, look: 'rocky paths wound up towards the sky' },
      { name: 'Hidden Valley', article: true, look: 'waterfalls tumbled down mossy green cliffs' },
      {
        name: 'Old Lighthouse',
        article: true,
        look: 'a tall white tower watched over the bay',
        tags: ['sea'],
      },
      { name: 'Sky City', article: false, look: 'bridges of rope swung between floating islands' },
    ],
    companions: [
      { name: 'Max', kind: 'puppy', intro: 'a brave puppy named Max', tags: ['dog'] },
      { name: 'Zip', kind: 'parrot', intro: 'a chatty parrot named Zip', tags: ['bird'] },
      { name: 'Luna', kind: 'kitten', intro: 'a quick little kitten named Luna', tags: ['cat'] },
      { name: 'Rocky', kind: 'goat', intro: 'a sure-footed mountain goat named Rocky' },
    ],
    objects: [
      {
        name: 'treasure map',
        withArticle: 'a treasure map',
        look: 'its corners were curled and its lines were drawn in gold ink',
      },
      {
        name: 'golden compass',
        withArticle: 'a golden compass',
        look: 'its needle always pointed towards home',
      },
      { name: 'red kite', withArticle: 'a red kite', look: 'it danced in the wind like a happy flame' },
      { name: 'brave badge', withArticle: 'a brave badge', look: 'it was shaped like a shining star' },
    ],
    elders: ['Captain Rosa', 'old Ranger Tom'],
    events: ['the Great Summit Celebration', 'the Festival of Flags'],
    scenery: [
      'The wind whistled around the rocks.',
      'Far below, the river looked like a silver ribbon.',
      'An eagle circled high above them.',
      'Their boots crunched on the gravel path.',
      'The air smelled of pine trees and fresh rain.',
      'Sunlight painted the cliffs orange and gold.',
    ],
  },
  {
    key: 'science',
    matches: /science|sci-fi|discover|educat|space|robot|planet|star/i,
    settings: [
      {
        name: 'Starlight Space Station',
        article: true,
        look: 'round windows showed the whole twinkling galaxy',
        tags: ['space'],
      },
      { name: 'Busy Laboratory', article: true, look: 'bottles bubbled and machines beeped happily' },
      {
        name: 'Moon Garden',
        article: true,
        look: 'silver plants grew in the soft grey moon dust',
        tags: ['space'],
      },
    ],
    companions: [
      { name: 'Bolt', kind: 'robot', intro: 'a helpful robot named Bolt', tags: ['robot'] },
      { name: 'Nova', kind: 'comet', intro: 'a giggling little comet named Nova', tags: ['space'] },
      { name: 'Professor Hoot', kind: 'owl', intro: 'a curious owl called Professor Hoot', tags: ['bird'] },
      { name: 'Gizmo', kind: 'hamster', intro: 'a clever hamster named Gizmo' },
    ],
    objects: [
      { name: 'star crystal', withArticle: 'a star crystal', look: 'it glowed with soft blue light' },
      {
        name: 'tiny telescope',
        withArticle: 'a tiny telescope',
        look: 'through it, far-away stars looked close enough to touch',
      },
      {
        name: 'rocket wing',
        withArticle: 'a rocket wing',
        look: 'it was smooth, shiny and covered in little bolts',
      },
      {
        name: 'weather machine',
        withArticle: 'a weather machine',
        look: 'its dials could make a tiny rain cloud or a tiny rainbow',
      },
    ],
    elders: ['Professor Bright', 'Captain Stella'],
    events: ['the Big Science Fair', 'the Rocket Launch Party'],
    scenery: [
      'Little lights blinked on and off like fireflies.',
      'A soft hum filled the air.',
      'Through the window, a planet with pink rings slowly turned.',
      'Screens showed maps of stars and swirling clouds.',
      'Everything was neat, clean and shiny.',
      'A small cleaning robot whizzed past and waved.',
    ],
  },
  {
    key: 'cosy',
    matches:
      /bedtime|sleep|holiday|season|christmas|winter|family|love|emotion|feeling|friend|value|life lesson|belong/i,
    settings: [
      {
        name: 'Cozy Hill Cottage',
        article: false,
        look: 'smoke curled from the chimney and the windows glowed warmly',
      },
      { name: 'Cloud Village', article: true, look: 'fluffy houses floated on soft white clouds' },
      { name: 'Lantern Lane', article: false, look: 'paper lanterns swayed above every door' },
    ],
    companions: [
      { name: 'Teddy', kind: 'bear', intro: 'a cuddly bear named Teddy' },
      { name: 'Milo', kind: 'kitten', intro: 'a sleepy kitten named Milo', tags: ['cat'] },
      {
        name: 'Bella',
        kind: 'glow-worm',
        intro: 'a glowing little worm named Bella',
        tags: ['worm', 'bug', 'insect'],
      },
      { name: 'Poppy', kind: 'mouse', intro: 'a friendly mouse named Poppy' },
    ],
    objects: [
      { name: 'dream lantern', withArticle: 'a dream lantern', look: 'it gave off a warm, golden glow' },
      {
        name: 'patchwork blanket',
        withArticle: 'a patchwork blanket',
        look: 'every square was a different happy colour',
      },
      { name: 'music box', withArticle: 'a music box', look: 'it played the sweetest lullaby' },
      {
        name: 'friendship bracelet',
        withArticle: 'a friendship bracelet',
        look: 'its beads were every colour of the rainbow',
      },
    ],
    elders: ['Grandpa Joe', 'kind Auntie May'],
    events: ['the Lantern Festival', 'the Big Family Supper'],
    scenery: [
      'The air smelled of warm cookies and cocoa.',
      'Soft music drifted from an open window.',
      'Curtains fluttered at the open windows.',
      'Neighbours waved and smiled as they passed.',
      'Chimneys puffed little clouds of smoke.',
      'Stars began to peek out one by one.',
    ],
  },
  {
    key: 'mystery',
    matches: /mystery|spooky|detective|history|real hero|museum/i,
    settings: [
      { name: 'Old Clock Tower', article: true, look: 'huge gears ticked and tocked behind the walls' },
      {
        name: 'Foggy Harbour',
        article: true,
        look: 'little boats bobbed in the soft morning mist',
        tags: ['sea', 'water'],
      },
      { name: 'Town Museum', article: true, look: 'old treasures rested in tall glass cases' },
    ],
    companions: [
      { name: 'Scout', kind: 'beagle', intro: 'a clever beagle named Scout', tags: ['dog'] },
      { name: 'Penny', kind: 'mouse', intro: 'a detective mouse named Penny' },
      { name: 'Inky', kind: 'cat', intro: 'a black cat with white socks named Inky', tags: ['cat'] },
      { name: 'Gus', kind: 'parrot', intro: 'a parrot named Gus who remembered everything', tags: ['bird'] },
    ],
    objects: [
      { name: 'brass key', withArticle: 'a brass key', look: 'it had a tiny star carved into its handle' },
      {
        name: 'secret map',
        withArticle: 'a secret map',
        look: 'it showed paths that nobody had walked for years',
      },
      {
        name: 'pocket watch',
        withArticle: 'a pocket watch',
        look: 'it ticked softly like a sleepy heartbeat',
      },
      {
        name: 'silver locket',
        withArticle: 'a silver locket',
        look: 'it held a tiny painted picture inside',
      },
    ],
    elders: ['Mayor Plum', 'old Mrs Hadley'],
    events: ['the Town Birthday Parade', 'the Grand Museum Opening'],
    scenery: [
      'Footsteps echoed softly on the stone floor.',
      'A curious smell of old books filled the air.',
      'Pigeons cooed on the windowsill.',
      'A clock somewhere chimed the hour.',
      'Dust sparkled in a beam of sunlight.',
      'Old photographs smiled down from the walls.',
    ],
  },
  {
    key: 'funny',
    matches: /funny|silly|joke|fun and adventure|laugh/i,
    settings: [
      { name: 'Wobbly Town', article: false, look: 'the houses leaned and wiggled like jelly' },
      { name: 'Giggle Garden', article: true, look: 'the flowers laughed whenever the wind tickled them' },
      { name: 'Upside-Down Park', article: false, look: 'the swings swung up towards the grass' },
    ],
    companions: [
      { name: 'Noodle', kind: 'goose', intro: 'a silly goose named Noodle', tags: ['bird'] },
      { name: 'Bonkers', kind: 'bear', intro: 'a bouncy bear named Bonkers' },
      { name: 'Waddles', kind: 'penguin', intro: 'a penguin named Waddles who loved jokes', tags: ['bird'] },
      { name: 'Wiggles', kind: 'octopus', intro: 'a ticklish octopus named Wiggles', tags: ['sea'] },
    ],
    objects: [
      {
        name: 'giggle hat',
        withArticle: 'a giggle hat',
        look: 'it made everybody laugh as soon as they saw it',
      },
      { name: 'bouncy ball', withArticle: 'a bouncy ball', look: 'it bounced higher than the houses' },
      {
        name: 'rainbow umbrella',
        withArticle: 'a rainbow umbrella',
        look: 'it rained sweets instead of keeping the rain off',
      },
      {
        name: 'whistling teapot',
        withArticle: 'a whistling teapot',
        look: 'it whistled a different tune every morning',
      },
    ],
    elders: ['Mayor Muddle', 'Granny Giggles'],
    events: ['the Silly Hat Parade', 'the Great Pancake Party'],
    scenery: [
      'A cloud shaped like a pancake drifted by.',
      'Somewhere, someone was laughing so hard they snorted.',
      'A squirrel on roller skates zoomed past.',
      'The lamp posts bent down to say hello.',
      'Puddles made funny squelchy sounds.',
      'A dog wearing sunglasses waved a paw.',
    ],
  },
];

/** The worlds for these category and theme names; every world when none match. */
export function worldsFor(names: readonly string[]): World[] {
  const matched = WORLDS.filter((world) => names.some((name) => world.matches.test(name)));
  return matched.length > 0 ? matched : WORLDS;
}

/** Names the hero question picks its wrong options from. */
export const HERO_NAMES = [
  'Sam',
  'Lily',
  'Noah',
  'Ava',
  'Leo',
  'Zara',
  'Omar',
  'Mia',
  'Ben',
  'Ruby',
  'Kai',
  'Nina',
  'Theo',
  'Ella',
  'Jude',
  'Isla',
];
