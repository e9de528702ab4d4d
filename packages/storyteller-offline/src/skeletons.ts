import type { ByBand } from './bands';
import type { Mood } from './frames';

/**
 * Plot skeletons: the problem (paragraph 2), the first failed attempt (3) and the resolution (4).
 * The companion is introduced in paragraph 2 or 3 as `{palA}` and named `{pal}` afterwards.
 */
export interface Skeleton {
  key: string;
  /** One sentence for the description. */
  summary: string;
  paragraphs: [ByBand<string[]>, ByBand<string[]>, ByBand<string[]>];
  /** Extra sentences allowed in paragraphs 2, 3 and 4. */
  moods: [Mood, Mood, Mood];
}

export const OBSTACLES: { name: string; via: string }[] = [
  { name: 'wide, rushing river', via: 'across' },
  { name: 'thick grey fog', via: 'through' },
  { name: 'steep, slippery hill', via: 'over' },
  { name: 'tall, prickly hedge', via: 'through' },
  { name: 'wobbly old bridge', via: 'across' },
];

export const SKELETONS: Skeleton[] = [
  {
    key: 'lost',
    summary:
      "When the wind carries off {hero}'s {object}, {hero} and {pal} the {palKind} search {setting} for it and discover that {lesson}.",
    moods: ['worry', 'journey', 'joy'],
    paragraphs: [
      {
        young: [
          'Then the wind began to blow.',
          'Whoosh! The wind grabbed the {object}.',
          'The {object} flew far, far away.',
          '{hero} looked up. {hero} looked down.',
          'The {object} was gone!',
          '{hero} felt sad and a little bit scared.',
        ],
        middle: [
          'But then a sudden gust of wind swept through {setting}.',
          "It snatched the {object} right out of {hero}'s hands and carried it over the trees.",
          '{hero} ran after it as fast as possible, but the {object} disappeared from sight.',
          '"Oh no!" cried {hero}. "I have to find it!"',
        ],
        older: [
          'Without warning, a fierce gust of wind roared through {setting}, bending branches and scattering leaves in every direction.',
          "It plucked the {object} from {hero}'s fingers and whirled it high over the treetops before it vanished completely.",
          '{hero} stood frozen for a moment, heart pounding, staring at the empty sky.',
          'Giving up was not an option, so {hero} took a steadying breath and set off to search.',
        ],
      },
      {
        young: [
          '{hero} walked and walked.',
          'Soon {hero} met {palA}.',
          '"Can you help me find my {object}?" asked {hero}.',
          '"Yes, I can!" said {pal}.',
          'They looked under a big rock. No {object} there!',
          'They looked behind a tree. Still no {object}.',
        ],
        middle: [
          'Along the path, {hero} met {palA}.',
          '"I saw something fly past a moment ago," said {pal}. "I will help you look."',
          'Together they searched under bushes, behind rocks and inside a hollow log.',
          'They found a lost sock, three pebbles and a very surprised beetle, but no {object}.',
          '{hero} sat down with a sigh, feeling tired and worried.',
        ],
        older: [
          'Before long, {hero} encountered {palA}, who had watched the whole thing happen.',
          '"It went towards the far side of {setting}," said {pal}. "I know a shortcut, if you would like some company."',
          'The two of them searched methodically, checking beneath ferns, behind boulders and among tangled roots.',
          "Each clue led them nowhere, and as the shadows stretched longer, doubt began to creep into {hero}'s mind.",
          '"Perhaps it is lost forever," {hero} murmured.',
        ],
      },
      {
        young: [
          'Then {pal} had an idea.',
          '"Let\'s look up high!" said {pal}.',
          'They looked up, up, up.',
          'Something twinkled in a tall tree.',
          'It was the {object}!',
          '{pal} helped {hero} climb up and get it.',
          '"We found it!" they cheered.',
        ],
        middle: [
          '{pal} smiled. "Let\'s not give up yet. Let\'s work together and look where we have not looked before."',
          "So {hero} climbed onto {pal}'s favourite lookout rock to see further.",
          'From up there, {hero} spotted something caught high in the branches of an old tree.',
          'Carefully, with {pal} giving directions, {hero} reached up and lifted the {object} free.',
          'It was safe, and not a single part of it was broken.',
        ],
        older: [
          '{pal} thought carefully. "We have been searching where we expected it to be," {pal} said. "Let us search where the wind would actually take it."',
          'So they followed the direction of the breeze, studying which way the grasses leaned and the leaves drifted.',
          'At last, wedged high in the branches of an ancient tree, something caught the evening light.',
          'Working together, with {pal} steadying the branch and {hero} stretching as far as possible, they rescued the {object}.',
          '{hero} held it close, overwhelmed with relief and gratitude.',
        ],
      },
    ],
  },
  {
    key: 'delivery',
    summary:
      '{hero} and {pal} the {palKind} must bring the {object} to {event} before sunset, and learn along the way that {lesson}.',
    moods: ['worry', 'journey', 'joy'],
    paragraphs: [
      {
        young: [
          'Then {elder} came by.',
          '"Hello, {hero}!" said {elder}.',
          '"Today is {event}. We need your {object}. Can you bring it before the sun goes down?"',
          '"Yes!" said {hero}.',
          'But the way was long.',
          'And on the way there was {obstacleA}.',
        ],
        middle: [
          'Just then, a message arrived from {elder}.',
          '"Tonight is {event}," it said, "and it will not be the same without the {object}. Please bring it before sunset!"',
          '{hero} was proud to be asked, but there was a problem.',
          'The only path to the party led {via} {obstacleA}, and nobody had crossed it in a very long time.',
        ],
        older: [
          'That afternoon, a letter arrived from {elder}, sealed with a bright ribbon.',
          'It explained that {event} would begin at sunset, and that the {object} was needed to open the celebration, just as it had been every year.',
          '{hero} felt a rush of pride, quickly followed by a knot of worry.',
          'The journey meant going {via} {obstacleA}, and {hero} had never attempted it alone.',
        ],
      },
      {
        young: [
          '{hero} set off with the {object}.',
          'Soon {hero} met {palA}.',
          '"Where are you going?" asked {pal}.',
          '"To {event}!" said {hero}.',
          '"I will come too," said {pal}.',
          'They came to the {obstacle}.',
          '{hero} tried to go {via} it, but it was too hard.',
        ],
        middle: [
          '{hero} packed the {object} carefully and set off.',
          'Halfway there, {hero} met {palA}, who offered to come along.',
          'Soon they reached the {obstacle}.',
          '{hero} tried to rush {via} it alone, but slipped and nearly dropped the {object}.',
          '"This is harder than I thought," {hero} admitted.',
        ],
        older: [
          '{hero} wrapped the {object} in a soft cloth and set off along the winding path.',
          'Before long, {hero} was joined by {palA}, who was heading the same way and was glad of the company.',
          'When they reached the {obstacle}, {hero} tried to hurry {via} it without a plan, determined to prove that it could be done.',
          'It was a mistake: {hero} stumbled and only just managed to keep hold of the {object}.',
          'Sitting on a stone to catch their breath, they realised they needed a better idea.',
        ],
      },
      {
        young: [
          '"Let\'s go together," said {pal}.',
          '{pal} went first. {hero} went next.',
          'Step by step, they went {via} the {obstacle}.',
          'They did it!',
          'They hurried to {event}.',
          'They got there just in time.',
          '{elder} clapped and smiled.',
        ],
        middle: [
          '"Let\'s do it together," said {pal}. "You watch the path, and I will watch the {object}."',
          'Slowly and carefully, helping each other at every step, they made their way {via} the {obstacle}.',
          'They reached {event} just as the sun touched the hills.',
          '{elder} cheered, and everyone gathered around to admire the {object}.',
        ],
        older: [
          '"Let us take it one step at a time," {pal} suggested, "and tell each other what we see."',
          'Guiding and encouraging one another, they found a safe way {via} the {obstacle}, testing every step before trusting it.',
          'They arrived at {event} just as the last rays of sunlight faded, and a great cheer rose from the crowd.',
          '{elder} placed the {object} in the place of honour, and the celebration began.',
        ],
      },
    ],
  },
  {
    key: 'sparkle',
    summary:
      "When {hero}'s {object} loses its sparkle, {hero} and {pal} the {palKind} set out to bring it back and learn that {lesson}.",
    moods: ['worry', 'journey', 'joy'],
    paragraphs: [
      {
        young: [
          'But the next day, the {object} looked sad and grey.',
          'It did not shine anymore.',
          '{hero} rubbed it. Nothing happened.',
          '{hero} shook it. Nothing happened.',
          '"What is wrong?" asked {hero}.',
          '{hero} felt a tear roll down one cheek.',
        ],
        middle: [
          'But the next morning, something was wrong.',
          'The {object} had turned dull and grey, as if all its colour had drained away.',
          '{hero} polished it, warmed it in the sun and even sang to it, but nothing worked.',
          '"I need to find out how to fix it," {hero} decided.',
        ],
        older: [
          'The following morning, however, {hero} noticed something troubling.',
          'The {object} had lost all of its sparkle; it was dull, grey and strangely quiet, like a lamp whose light had been blown out.',
          '{hero} tried everything imaginable, from careful polishing to leaving it on the windowsill in the sunshine, but nothing made any difference.',
          'Determined to understand what had happened, {hero} set out to ask for advice.',
        ],
      },
      {
        young: [
          '{hero} went for a walk to think.',
          'On the path, {hero} met {palA}.',
          '"My {object} is not shiny anymore," said {hero}.',
          '"Let\'s ask for help," said {pal}.',
          'They asked a tall tree. The tree just swayed.',
          'They asked the wind. The wind just whistled.',
        ],
        middle: [
          'On the way, {hero} met {palA}.',
          '"That looks like it needs something special," said {pal}, peering at the {object}.',
          'They asked everyone they met, but nobody knew how to bring back the sparkle.',
          'One neighbour suggested a wash and another suggested a song, but the {object} stayed grey.',
          '{hero} began to feel that it would never shine again.',
        ],
        older: [
          'Along the way, {hero} met {palA}, who listened patiently to the whole story.',
          '"Some things shine because of what we do with them, not because of how we polish them," said {pal} thoughtfully.',
          'Still, they tried every remedy they could think of, asking neighbours and searching old books, and each attempt ended in disappointment.',
          'By late afternoon, {hero} felt discouraged and ready to give up.',
        ],
      },
      {
        young: [
          'Then they saw a little chick who was lost.',
          '"Let\'s help!" said {hero}.',
          '{hero} and {pal} walked the chick all the way home.',
          "The chick's mum was so happy.",
          'Just then, the {object} began to glow!',
          'It was shinier than ever before.',
          '{hero} laughed and danced with joy.',
        ],
        middle: [
          'Just then, they heard someone calling for help: a little chick had lost its way home.',
          'Without thinking twice, {hero} and {pal} stopped to help, and together they guided the chick back to its nest.',
          'At that very moment, the {object} began to glow, brighter and warmer than ever before.',
          '{hero} gasped. The sparkle had come back because they had helped someone!',
        ],
        older: [
          'On the way home, they came across a neighbour struggling to carry a heavy basket of apples up the hill.',
          'Tired as they were, {hero} and {pal} each took a handle and carried it all the way to the top.',
          'The moment they set the basket down, the {object} flickered, then blazed with a warm, steady light, brighter than {hero} had ever seen it.',
          'Suddenly {hero} understood: its sparkle had never been about polish at all, but about the good its owner brought into the world.',
        ],
      },
    ],
  },
  {
    key: 'rescue',
    summary:
      '{hero} finds {pal} the {palKind} stuck at the bottom of a deep hole in {setting} and uses the {object} to help, learning that {lesson}.',
    moods: ['worry', 'worry', 'joy'],
    paragraphs: [
      {
        young: [
          'Then {hero} heard a small voice.',
          '"Help! Help!"',
          'It was {palA}.',
          '{pal} was stuck at the bottom of a deep hole.',
          '"I cannot get out!" cried {pal}.',
          '{hero} wanted to help right away.',
        ],
        middle: [
          'Suddenly, {hero} heard a small voice calling for help.',
          'Following the sound, {hero} found {palA}, who had tumbled into a deep hole and could not climb out.',
          '"I have been here all morning," said {pal}. "The sides are too slippery!"',
          '{hero} knew there had to be a way to help.',
        ],
        older: [
          'As {hero} walked on, a faint cry drifted through the air.',
          'Following it, {hero} discovered {palA} at the bottom of a deep, steep-sided hole, far too slippery to climb.',
          '"I have been calling for hours," said {pal} shakily. "Everyone who passed was in too much of a hurry to stop."',
          '{hero} knelt at the edge, thinking hard about how to help.',
        ],
      },
      {
        young: [
          '{hero} reached down, but the hole was too deep.',
          '{hero} found a stick, but it was too short.',
          '{hero} made a rope of grass, but it broke.',
          'Oh no! What could {hero} do?',
          '{hero} looked at the {object}.',
          'Maybe the {object} could help!',
        ],
        middle: [
          'First, {hero} lay flat and stretched an arm down, but {pal} was too far away.',
          'Next, {hero} tried a long stick, but it snapped in two.',
          '"Please don\'t leave me," said {pal} quietly.',
          '"I won\'t," promised {hero}, looking around for another idea, until {hero}\'s eyes landed on the {object}.',
        ],
        older: [
          "{hero}'s first attempt, stretching as far down as possible, fell short by a frustrating distance.",
          'A fallen branch seemed promising, but it cracked the moment {pal} put any weight on it.',
          '"You should go," said {pal}, trying to sound brave. "It is getting late."',
          '"I am not leaving without you," {hero} replied firmly, and it was then that {hero} thought of the {object}.',
        ],
      },
      {
        young: [
          '{hero} waved the {object} high in the air.',
          'Everyone could see it!',
          'Friends came running to help.',
          'They held hands in a long line.',
          'Pull! Pull! Pull!',
          'Up came {pal}!',
          '{pal} gave {hero} a big hug.',
        ],
        middle: [
          '{hero} climbed onto a rock and waved the {object} high in the air, so that it could be seen from far away.',
          'Before long, neighbours and friends came running to see what was happening.',
          'Together they made a long chain, holding hands, and with one big pull they lifted {pal} out of the hole.',
          '{pal} was safe at last and hugged {hero} tightly.',
        ],
        older: [
          'Climbing onto a boulder, {hero} raised the {object} high so that it could be seen from every corner of {setting}.',
          'One by one, curious friends and neighbours appeared, and {hero} quickly explained the plan.',
          'They formed a long human chain, and on the count of three they pulled together until {pal} scrambled over the edge onto solid ground.',
          'Everyone cheered, and {pal} thanked {hero} again and again for refusing to give up.',
        ],
      },
    ],
  },
];
