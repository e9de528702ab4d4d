/**
 * Word material for generated stories. The SQL generator indexes these arrays arithmetically, so
 * every story is different but the data set is the same on every run (no random text).
 * Sentences are plain ASCII with single spaces: the stored text is already in the normalised form
 * the application hashes (rules.md §7.4), so `text_hash` can be computed in SQL.
 */

export const SENTENCES: readonly string[] = [
  'Once upon a time, in a village at the edge of a whispering forest, there lived a curious little fox.',
  'Every morning the sun climbed over the hills and painted the rooftops a warm shade of honey.',
  'The old lighthouse keeper told stories about ships that sailed beyond the edge of the map.',
  'A small blue bird landed on the windowsill and tapped three times on the glass.',
  'Nobody in the town had ever seen a dragon that was afraid of the dark, until that night.',
  'The children packed sandwiches, a torch, a map and a very long piece of string.',
  'Grandma said that the river sang a different song in every season of the year.',
  'Deep under the roots of the oldest tree, the mice were preparing a secret feast.',
  'The robot blinked its green eyes and asked, in a tiny voice, whether it could be a friend.',
  'Stars spilled across the sky like sugar on a dark blue tablecloth.',
  'They followed the footprints through the snow until the footprints simply stopped.',
  'The giant sneezed so loudly that all the leaves fell off the trees at once.',
  'A kind word, the owl explained, is a key that opens doors you cannot see.',
  'The little boat bobbed on the waves while the seagulls argued about breakfast.',
  'When the clock struck midnight, the toys in the attic began to stretch and yawn.',
  'She took a deep breath, counted to ten, and stepped onto the wobbly rope bridge.',
  'The elephant remembered every birthday in the jungle and never forgot a present.',
  'Rain drummed on the tent, but inside it was warm and smelled of cocoa.',
  'At the bottom of the garden there was a door no taller than a teacup.',
  'The wizard had lost his spectacles again, and this time they were on the moon.',
  'Brave does not mean never being scared, said the lion, it means trying anyway.',
  'The market was full of colours, voices, drums and the smell of fresh bread.',
  'Each pebble on the beach had a story, and the crab knew all of them by heart.',
  'The kite tugged at its string as if it wanted to visit the clouds by itself.',
  'A gentle wind carried the dandelion seeds over the fields like tiny parachutes.',
  'The twins agreed to share the last mango, and somehow it tasted twice as sweet.',
  'Far away, on a mountain made of ice, a penguin dreamed of seeing a palm tree.',
  'The library cat walked along the shelves and chose a book for every visitor.',
  'Whenever the baby giraffe laughed, the whole savannah laughed along with her.',
  'The train whistled twice, puffed a cloud of steam, and rolled towards the sea.',
  'In the morning the puddles reflected the sky, and the ducks thought it was a lake.',
  'Little by little, the seed became a sprout, and the sprout became a sunflower.',
  'The pirate captain was terrible at maps but wonderful at singing sea shanties.',
  'A firefly lit the path home, blinking softly so nobody would get lost.',
  'The snowman asked the children to tell him what summer was like.',
  'They built a castle of cushions and defended it bravely until it was time for bed.',
  'The tortoise was slow, but he always noticed the flowers that everyone else missed.',
  'Somewhere a drum was beating, and the whole forest began to dance.',
  'Before sleeping, the moon whispered goodnight to every window in the town.',
  'And so the friends walked home together, tired, happy and full of new ideas.',
];

export const TITLE_ADJECTIVES: readonly string[] = [
  'Brave',
  'Sleepy',
  'Curious',
  'Tiny',
  'Golden',
  'Whispering',
  'Lost',
  'Clever',
  'Gentle',
  'Giggling',
  'Silver',
  'Secret',
  'Wandering',
  'Magic',
  'Friendly',
  'Hidden',
  'Dancing',
  'Patient',
  'Shining',
  'Humble',
];

export const TITLE_NOUNS: readonly string[] = [
  'Fox',
  'Dragon',
  'Lighthouse',
  'Robot',
  'Elephant',
  'Kite',
  'Penguin',
  'Tortoise',
  'Firefly',
  'Giraffe',
  'Pirate',
  'Owl',
  'Train',
  'Snowman',
  'Baobab',
  'Crab',
  'Wizard',
  'Lion',
  'Mouse',
  'Sunflower',
];

export const TITLE_PLACES: readonly string[] = [
  'the Forest',
  'the Sea',
  'the Mountain',
  'the Market',
  'the Moon',
  'the Village',
  'the River',
  'the Savannah',
  'the Attic',
  'the Desert',
];

export const LANGUAGES: readonly string[] = ['English', 'English', 'English', 'English', 'French', 'Yoruba'];

export const BACKGROUND_COLORS: readonly string[] = ['#5E3A54', '#2E4A62', '#3C6E47', '#8A4F24', '#4B3F72'];

export const QUESTIONS: readonly string[] = [
  'Who was the hero of the story?',
  'Where did the adventure begin?',
  'How did the friends solve their problem?',
  'What did the hero learn at the end?',
];
