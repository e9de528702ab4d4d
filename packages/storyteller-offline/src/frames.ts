import type { ByBand } from './bands';

/**
 * Openings (paragraph 1: who and where) and endings (paragraph 5: resolution and lesson). Each is
 * a list of alternatives; a story takes one. Placeholders are filled by the storyteller.
 */

export const OPENINGS: ByBand<string[][]> = {
  young: [
    [
      '{when}, {hero} woke up with a big smile.',
      '{hero} lived in {setting}.',
      'In {setting}, {settingLook}.',
      '{hero} had a special treasure.',
      'It was {objectA}.',
      '{objectLook}.',
      '{hero} took the {object} everywhere.',
    ],
    [
      'This is {hero}.',
      '{hero} lived in {setting}, where {settingLook}.',
      '{hero} liked to run, jump and sing.',
      '{when}, {hero} found {objectA} by the door.',
      '{objectLook}.',
      '{hero} held it tight and said, "Wow!"',
    ],
  ],
  middle: [
    [
      '{when}, {hero} stepped outside and took a deep breath of fresh air.',
      '{hero} lived in {setting}, a place where {settingLook}.',
      'Everyone knew {hero} as a kind and curious child who loved to explore.',
      "{hero}'s favourite treasure was {objectA}, and {objectLook}.",
      'That day, {hero} had a feeling that something exciting was about to happen.',
    ],
    [
      'Far away, in {setting}, there lived a child named {hero}.',
      'It was a wonderful place where {settingLook}.',
      '{when}, {hero} discovered {objectA} hidden in an old wooden box.',
      '{objectLook}, and {hero} could hardly stop looking at it.',
      '"I wonder what adventures you will bring," {hero} whispered.',
    ],
  ],
  older: [
    [
      '{when}, {hero} wandered through {setting}, where {settingLook}.',
      '{hero} had always been the kind of child who noticed small, wonderful details that others hurried past.',
      "Tucked safely in {hero}'s pocket was {objectA}, a gift that had been passed down for generations.",
      '{objectLook}, and whenever {hero} held it, the whole world seemed a little brighter.',
      'Yet on this particular day, the air felt different, as if the morning were holding its breath.',
    ],
    [
      'In {setting}, where {settingLook}, lived a thoughtful and determined child named {hero}.',
      '{hero} spent most afternoons exploring, sketching maps and inventing stories about every path and corner.',
      '{when}, while tidying a dusty shelf, {hero} uncovered {objectA}.',
      "{objectLook}, and a tingle of excitement ran all the way down {hero}'s arms.",
      'Little did {hero} know that this discovery was only the beginning.',
    ],
  ],
};

export const ENDINGS: ByBand<string[][]> = {
  young: [
    [
      'That night, {hero} and {pal} had a big party.',
      'They ate cake and sang songs.',
      'The {object} sat close by.',
      '{hero} learned that {lesson}.',
      'It was a day full of {themeWord}.',
      '{hero} closed both eyes and smiled.',
      'Goodnight, {hero}!',
    ],
    [
      'Back home, {hero} gave {pal} a big hug.',
      '"Thank you, {pal}!" said {hero}.',
      '"That is what friends are for," said {pal}.',
      '{hero} learned that {lesson}.',
      'What a day of {themeWord}!',
      'The end.',
    ],
  ],
  middle: [
    [
      'That evening, {hero} and {pal} sat together and watched the sky turn pink and gold.',
      '"Today I learned that {lesson}," said {hero}.',
      '{pal} nodded happily. "And I learned that I have a wonderful new friend."',
      'It had been a day full of {themeWord}, and {hero} would remember it forever.',
      'As the first stars appeared, {hero} drifted off to sleep with a happy heart.',
    ],
    [
      'When the day was over, everyone in {setting} talked about what {hero} and {pal} had done.',
      '{hero} felt warm and proud inside.',
      'The adventure had shown {hero} that {lesson}.',
      'From then on, whenever {hero} looked at the {object}, it was a reminder of that special day of {themeWord}.',
    ],
  ],
  older: [
    [
      'Later, as the sky deepened to violet and the first stars appeared over {setting}, {hero} and {pal} sat side by side in comfortable silence.',
      '{hero} thought about everything that had happened and realised that {lesson}.',
      'It was a lesson about {themeWord} that no book could have taught quite so well.',
      '"Same time tomorrow?" asked {pal} with a grin.',
      '"Definitely," said {hero}, already wondering what the next adventure might bring.',
    ],
    [
      'In the days that followed, the story of {hero} and {pal} was told and retold throughout {setting}.',
      'Whenever anyone asked {hero} what the adventure had taught, the answer was always the same: {lesson}.',
      'The {object} still had its special place, but now it meant something even more precious.',
      'It was a reminder of a day filled with {themeWord}, and of a friendship that would last for years.',
    ],
  ],
};

/**
 * Optional sentences that lengthen a paragraph without changing the plot, by mood. `journey`
 * mentions the companion, so it is used only once the companion has been introduced.
 */
export type Mood = 'calm' | 'worry' | 'journey' | 'joy' | 'night';

export const EXTRAS: Record<Mood, ByBand<string[]>> = {
  calm: {
    young: [
      '{hero} liked to sing little songs.',
      '{hero} had a big, happy laugh.',
      'The sky was blue and clear.',
      '{hero} skipped along the path.',
      '{hero} liked to count the clouds.',
      'It was a good day to play.',
      '{hero} wore a bright red hat.',
    ],
    middle: [
      '{hero} loved to listen to the sounds of {setting} and guess where each one came from.',
      'Every morning, {hero} made a list of things to discover that day.',
      'The sky was a clear, bright blue without a single cloud.',
      '{hero} hummed a happy tune while walking along the path.',
      'Friends often said that {hero} had the biggest smile in {setting}.',
      '{hero} liked to collect interesting pebbles and give them funny names.',
    ],
    older: [
      '{hero} kept a small notebook full of drawings, questions and ideas for inventions.',
      'The morning light made everything glow, from the tallest rooftop to the smallest blade of grass.',
      'People in {setting} often said that {hero} could find something interesting in the most ordinary places.',
      '{hero} loved the quiet moments before everyone else woke up, when the world felt full of possibilities.',
      'A gentle breeze carried the scent of blossoms and fresh bread.',
    ],
  },
  worry: {
    young: [
      '{hero} did not know what to do.',
      "{hero}'s tummy felt wobbly.",
      '{hero} took a big, deep breath.',
      '"I can do this," said {hero}.',
      '{hero} counted to three: one, two, three.',
      '{hero} wiped both eyes and stood up tall.',
    ],
    middle: [
      "{hero}'s heart thumped like a drum.",
      'For a moment, {hero} wanted to run home and hide under the covers.',
      'Then {hero} remembered something Grandma always said: every problem has a solution.',
      '{hero} took three slow, deep breaths to feel calm again.',
      '"Think, think, think," {hero} whispered.',
    ],
    older: [
      "{hero}'s thoughts raced, tumbling over one another like leaves in a stream.",
      'It would have been easy to panic, but {hero} remembered that a calm mind finds answers faster.',
      '{hero} closed both eyes for a moment and took a long, slow breath.',
      'Somewhere deep inside, a small but stubborn voice insisted that this was not the end of the story.',
    ],
  },
  journey: {
    young: [
      '{pal} had a kind smile.',
      'They walked side by side.',
      '{hero} and {pal} sang a walking song.',
      'The path was long and bumpy.',
      '"We are a good team," said {pal}.',
      'They stopped to have a little rest.',
      '{pal} told a funny joke, and {hero} laughed.',
    ],
    middle: [
      '{pal} told funny stories to keep their spirits up.',
      'They shared a snack of crunchy apples as they walked.',
      '"Two heads are better than one," said {pal} cheerfully.',
      'The path twisted and turned, up and down, left and right.',
      '{hero} was glad not to be alone anymore.',
    ],
    older: [
      'Their conversation wandered from favourite foods to the strangest dreams they had ever had.',
      '{hero} was surprised by how much easier everything felt with someone else sharing the load.',
      'Every so often, {pal} pointed out something {hero} would never have noticed alone.',
      'The path grew narrower and more uneven, demanding careful attention with every step.',
    ],
  },
  joy: {
    young: [
      '{hero} felt brave and strong.',
      '"Hooray!" shouted {pal}.',
      '{hero} jumped up and down.',
      'They gave each other a high five.',
      "{hero}'s heart was full of joy.",
    ],
    middle: [
      '{hero} felt a warm glow of pride.',
      '"We did it!" shouted {pal}, doing a happy little dance.',
      'All the worry of the day melted away like snow in the sun.',
      '{hero} laughed out loud with relief.',
    ],
    older: [
      'A wave of relief washed over {hero}, followed by a quiet, glowing sense of pride.',
      '{pal} let out a whoop of delight that echoed across {setting}.',
      'For a moment, neither of them could stop grinning.',
    ],
  },
  night: {
    young: [
      'The moon came up, big and round.',
      'Everyone was happy.',
      '{hero} yawned a big yawn.',
      'The stars twinkled in the sky.',
      '{pal} waved goodnight.',
    ],
    middle: [
      'A soft breeze carried the sound of laughter through {setting}.',
      'The moon rose slowly, round and silver, over the rooftops.',
      '{pal} promised to visit again the very next day.',
    ],
    older: [
      'The evening air was cool and still, filled with the gentle sounds of {setting} settling down for the night.',
      '{hero} felt tired in the best possible way, the kind of tired that comes from a day well spent.',
    ],
  },
};
