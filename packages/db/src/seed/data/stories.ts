import type { SeedStory } from './types';

/**
 * Tag for story text: paragraphs are separated by blank lines in the source; line breaks and indentation inside
 * a paragraph collapse to single spaces. The result uses exactly one blank line between paragraphs.
 */
function prose(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce(
    (acc, part, index) => acc + part + (index < values.length ? String(values[index]) : ''),
    '',
  );
  return raw
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.trim().replace(/\s+/g, ' '))
    .filter((paragraph) => paragraph.length > 0)
    .join('\n\n');
}

const cover = (slug: string): string => `https://picsum.photos/seed/${slug}/600/800`;

/** Demo stories (rules.md §20): STORY-06 fields with category/theme/season names and quiz questions. */
export const stories: readonly SeedStory[] = [
  {
    id: '01946930-e680-7822-aa59-73af2e4108cc',
    title: 'Pip the Sleepy Puppy',
    description:
      'A playful puppy does not want to go to bed, until his eyes grow heavy and Mama Dog tucks him in.',
    language: 'English',
    coverImageUrl: cover('pip-the-sleepy-puppy'),
    ageMin: 1,
    ageMax: 3,
    backgroundColor: '#3B4A7A',
    recommended: true,
    difficultyLevel: 1,
    isInteractive: false,
    textContent: prose`
      Pip was a little brown puppy with one white ear. All day long, Pip played in the garden. He chased a
      yellow butterfly. He rolled in the soft green grass. He barked at a bouncy red ball. Woof, woof!

      When the sun went down, the sky turned orange and pink. Pip gave a great big yawn. "It is time for bed,
      Pip," said Mama Dog.

      But Pip did not want to go to bed. "I want to play more!" he said. He ran to his ball. Bounce, bounce. He
      ran to his rope toy. Tug, tug. Then he yawned again. His eyes felt heavy, heavy, heavy.

      Mama Dog smiled. She filled his water bowl. She fluffed up his blue blanket. She put his little teddy bear
      right beside his bed.

      Pip climbed onto his blanket. He turned around one time. He turned around two times. He turned around
      three times. Then he curled up into a cosy ball.

      "Goodnight, butterfly," whispered Pip. "Goodnight, green grass. Goodnight, red ball."

      Mama Dog gave Pip a gentle lick on his white ear. "Goodnight, my sleepy puppy," she said. "I love you."

      Outside, the stars began to twinkle. The moon peeked through the window. And soon, little Pip was fast
      asleep, dreaming of yellow butterflies and tomorrow's games.

      Shhh. Goodnight, Pip.
    `,
    categoryNames: ['Bedtime Stories', 'Animal Stories'],
    themeNames: ['Love & Family'],
    questions: [
      {
        question: "What colour was Pip's special ear?",
        options: ['Black', 'White', 'Brown', 'Yellow'],
        correctOption: 1,
      },
      {
        question: 'What did Pip chase in the garden?',
        options: ['A cat', 'A yellow butterfly', 'A bird', 'A car'],
        correctOption: 1,
      },
      {
        question: 'How many times did Pip turn around before he curled up?',
        options: ['One', 'Two', 'Three', 'Four'],
        correctOption: 2,
      },
      {
        question: "What did Mama Dog put beside Pip's bed?",
        options: ['A bone', 'A ball', 'A teddy bear', 'A shoe'],
        correctOption: 2,
      },
    ],
  },
  {
    id: '01946930-ea68-7215-97ac-21969c7aa649',
    title: 'The Little Red Balloon',
    description:
      "When the wind carries Mia's balloon away, it floats over the town until a helpful squirrel saves the day.",
    language: 'English',
    coverImageUrl: cover('little-red-balloon'),
    ageMin: 1,
    ageMax: 3,
    backgroundColor: '#E94F4F',
    recommended: false,
    difficultyLevel: 1,
    isInteractive: false,
    textContent: prose`
      Mia had a little red balloon. It was round and shiny, and it bobbed on a long white string.

      One windy morning, Mia and her dad walked to the park. Whoosh! A big gust of wind came along. The string
      slipped out of Mia's hand, and up, up, up went the little red balloon.

      "Come back, balloon!" called Mia.

      The balloon floated over the pond. A duck looked up. "Quack!" said the duck. The balloon floated over the
      swings. A boy on a swing looked up. "Wow!" said the boy. The balloon floated over the bakery. The baker
      looked up and waved her floury hands. "Hello, balloon!"

      Then the balloon bumped into a tall tree. Bump! Its string got stuck on a branch. The balloon wiggled and
      jiggled, but it could not get free.

      A little squirrel ran along the branch. Scamper, scamper. She tugged the string with her tiny paws. Tug,
      tug, tug! The string came loose, and the squirrel dropped it down, down, down.

      Mia held out her hands. The string landed right in her palm!

      "Thank you, squirrel!" laughed Mia. The squirrel flicked her fluffy tail, as if to say, "You're welcome."

      Dad tied the string in a loop around Mia's wrist so it could not fly away again. Mia and her little red
      balloon walked home together, bobbing and smiling all the way.

      And the balloon never, ever floated away again. Well... not that day!
    `,
    categoryNames: ['Funny Stories', 'Fun and Adventure'],
    themeNames: ['Adventure'],
    questions: [
      {
        question: "What colour was Mia's balloon?",
        options: ['Blue', 'Green', 'Red', 'Yellow'],
        correctOption: 2,
      },
      {
        question: 'What made the balloon fly away?',
        options: ['A dog', 'A gust of wind', 'A bird', 'Mia let go on purpose'],
        correctOption: 1,
      },
      {
        question: 'Who freed the balloon from the tree?',
        options: ['A duck', 'The baker', 'A squirrel', 'A cat'],
        correctOption: 2,
      },
      {
        question: 'Where did Dad tie the string?',
        options: ['To a bench', "Around Mia's wrist", 'To the tree', 'To a bike'],
        correctOption: 1,
      },
    ],
  },
  {
    id: '01946930-ee50-7251-9407-73831f55770c',
    title: "Duckling's Big Splash",
    description:
      'The smallest duckling is afraid of the big pond, until she discovers that ducks are made for floating.',
    language: 'English',
    coverImageUrl: cover('ducklings-big-splash'),
    ageMin: 2,
    ageMax: 4,
    backgroundColor: '#7EC8E3',
    recommended: false,
    difficultyLevel: 2,
    isInteractive: false,
    textContent: prose`
      Down by the pond lived Mother Duck and her five fluffy ducklings. Four ducklings loved the water. They
      paddled and splashed and dipped their beaks. But the smallest duckling, Dot, stayed on the grassy bank.

      "The water looks so big," said Dot. "What if I sink?"

      "You will not sink," said Mother Duck kindly. "Ducks are made for floating. But you can go in when you are
      ready."

      Dot watched her brothers and sisters. They bobbed like little corks. They chased a floating leaf. They
      laughed when a frog said, "Ribbit!"

      Dot dipped one orange foot into the water. It was cool. It was wet. It was... nice! She dipped in the other
      foot. Then she took one tiny step.

      Plop! Dot was in the pond. She held her breath. She waited to sink. But she did not sink. She floated! Her
      feathers kept her up, light as a cloud.

      Dot kicked her feet. She moved forward. She kicked again and zoomed past a lily pad. "I'm swimming!" she
      quacked. "I'm really swimming!"

      Her brothers and sisters cheered. "Hooray for Dot!"

      Then Dot did something nobody expected. She flapped her little wings and made the biggest splash of all.
      SPLASH! Water sprayed everywhere, even onto the surprised frog.

      "Ribbit!" said the frog, and everyone laughed.

      That evening, Dot snuggled under Mother Duck's wing. "Tomorrow," she whispered, "I'll make an even bigger
      splash."
    `,
    categoryNames: ['Animal Stories', 'Nature & Ocean'],
    themeNames: ['Courage / Bravery', 'Hope & Perseverance'],
    seasonNames: ['Spring'],
    questions: [
      {
        question: 'How many ducklings did Mother Duck have?',
        options: ['Three', 'Four', 'Five', 'Six'],
        correctOption: 2,
      },
      {
        question: 'Why did Dot stay on the bank at first?',
        options: [
          'She was hungry',
          'She was afraid she would sink',
          'She was sleeping',
          'She had lost a feather',
        ],
        correctOption: 1,
      },
      {
        question: 'What kept Dot floating?',
        options: ['A leaf', 'Her feathers', 'A lily pad', 'Mother Duck'],
        correctOption: 1,
      },
      {
        question: "Who got splashed by Dot's big splash?",
        options: ['A frog', 'A fish', 'A cat', 'A turtle'],
        correctOption: 0,
      },
    ],
  },
  {
    id: '01946930-f238-7196-9f93-812f188df29a',
    title: 'Moon Says Goodnight',
    description:
      'Every night the Moon rises over the hills and says goodnight to the cows, the birds, the bees and you.',
    language: 'English',
    coverImageUrl: cover('moon-says-goodnight'),
    ageMin: 1,
    ageMax: 4,
    backgroundColor: '#1F2A4D',
    recommended: false,
    difficultyLevel: 1,
    isInteractive: false,
    textContent: prose`
      When the sun goes down and the sky turns deep blue, the Moon wakes up. She stretches her silver arms and
      rises over the hills. Then she begins her nightly job. She says goodnight to everyone.

      "Goodnight, sleepy cows in the meadow," says the Moon. The cows lie down in the soft hay and close their
      big brown eyes. Moo.

      "Goodnight, little birds in the tree," says the Moon. The birds tuck their heads under their wings. Tweet.

      "Goodnight, busy bees," says the Moon. The bees buzz back into their hive and hush. Bzzz.

      "Goodnight, fishes in the river," says the Moon. The fishes sway slowly under the water. Blub.

      "Goodnight, tall trees," says the Moon. The trees rustle their leaves like a gentle lullaby. Shhh.

      Then the Moon peeks through a small round window. Inside, there is a cosy bed with a fluffy pillow and a
      warm quilt. And in that bed is a child, just like you.

      The Moon smiles her brightest smile. She sends a soft beam of light across the quilt, like a silver
      blanket.

      "Goodnight, little one," says the Moon. "You played. You laughed. You learned something new. Now it is
      time to rest. I will watch over the world while you sleep."

      The child yawns a big yawn. Eyes close. Breathing slows. In and out. In and out.

      And the Moon keeps shining, all night long, until the sun comes back to say good morning.
    `,
    categoryNames: ['Bedtime Stories'],
    themeNames: ['Love & Family', 'Emotional'],
    questions: [
      {
        question: 'Who says goodnight to everyone in this story?',
        options: ['The Sun', 'The Moon', 'A star', 'An owl'],
        correctOption: 1,
      },
      {
        question: 'What do the birds do at bedtime?',
        options: ['Sing loudly', 'Fly away', 'Tuck their heads under their wings', 'Eat seeds'],
        correctOption: 2,
      },
      {
        question: 'What sound do the bees make?',
        options: ['Moo', 'Tweet', 'Bzzz', 'Blub'],
        correctOption: 2,
      },
      {
        question: "What does the Moon send across the child's quilt?",
        options: ['A snowflake', 'A soft beam of light', 'A feather', 'A rainbow'],
        correctOption: 1,
      },
    ],
  },
  {
    id: '01946930-f620-7cad-b3c1-44ce1a2f34ec',
    title: 'Benny Bear Shares His Honey',
    description:
      'Benny Bear finds the biggest pot of honey in the forest and learns that it tastes sweeter with friends.',
    language: 'English',
    coverImageUrl: cover('benny-bear-honey'),
    ageMin: 3,
    ageMax: 5,
    backgroundColor: '#F2B134',
    recommended: true,
    difficultyLevel: 2,
    isInteractive: false,
    textContent: prose`
      Benny Bear found the biggest pot of honey in the whole forest. It was golden and sticky and smelled like
      summer flowers.

      "This honey is all mine," said Benny, hugging the pot. "I will not share a single drop."

      Rabbit hopped by. "That honey smells wonderful, Benny. May I have a little taste?"

      "No," said Benny. "It is all mine."

      Squirrel scampered by. "Oh, Benny, could I try just one spoonful?"

      "No," said Benny. "It is all mine."

      So Benny sat alone under his tree and ate honey. He ate one pawful, then two, then ten. Soon his tummy
      felt too full, and he felt something else too. He felt lonely. He could hear Rabbit and Squirrel laughing
      and playing by the stream, and he was not with them.

      Benny looked at his honey pot. It was still more than half full. "Honey tastes sweet," he said slowly,
      "but I think it tastes even sweeter with friends."

      Benny carried his pot down to the stream. "Rabbit! Squirrel!" he called. "I am sorry I did not share.
      Would you like some honey now?"

      Rabbit's ears shot up. Squirrel's tail went swish. "Yes, please!"

      Benny found three big leaves and put a spoonful of honey on each one. They sat together on a log, licking
      their paws and giggling at their sticky whiskers.

      Then Squirrel shared her acorns, and Rabbit shared his crunchy carrots. It was the best picnic the forest
      had ever seen.

      That night, Benny Bear fell asleep smiling. Sharing, he had learned, made everything better.
    `,
    categoryNames: ['Values & Life Lessons', 'Animal Stories', 'Friendship & Feelings'],
    themeNames: ['Greed vs. Generosity', 'Friendship & Belonging'],
    questions: [
      {
        question: 'What did Benny Bear find?',
        options: ['A basket of berries', 'A big pot of honey', 'A shiny stone', 'A fish'],
        correctOption: 1,
      },
      {
        question: 'How did Benny feel when he sat alone with his honey?',
        options: ['Lonely', 'Excited', 'Angry', 'Scared'],
        correctOption: 0,
      },
      {
        question: 'What did Benny put the honey on to share it?',
        options: ['Plates', 'Bread', 'Leaves', 'Rocks'],
        correctOption: 2,
      },
      {
        question: 'What did Rabbit share at the picnic?',
        options: ['Acorns', 'Carrots', 'Berries', 'Nuts'],
        correctOption: 1,
      },
    ],
  },
  {
    id: '01946930-fa08-70d5-9b24-f7a9561d6469',
    title: 'Rosie and the Rainbow Umbrella',
    description:
      'On a rainy spring morning, Rosie shares her brand-new rainbow umbrella and finds a brand-new friend.',
    language: 'English',
    coverImageUrl: cover('rosie-rainbow-umbrella'),
    ageMin: 3,
    ageMax: 6,
    backgroundColor: '#9B5DE5',
    recommended: false,
    difficultyLevel: 2,
    isInteractive: false,
    textContent: prose`
      It was a rainy spring morning, and Rosie had a brand-new umbrella. It was striped with every colour of the
      rainbow: red, orange, yellow, green, blue and purple.

      Rosie put on her yellow boots and skipped outside. Pitter, patter went the rain on her umbrella. Splish,
      splash went her boots in the puddles.

      On the garden path, Rosie saw a little snail. "Hello, Snail," said Rosie. "Are you getting wet?" The snail
      was slow, but he was happy to sit under the edge of the rainbow umbrella for a while.

      By the gate, Rosie saw a robin shaking water from her feathers. "Come and stay dry, Robin," said Rosie. The
      robin hopped under the umbrella too.

      Then Rosie saw a girl standing at the bus stop. She had no umbrella, and her hair was dripping. Rosie had
      never seen her before.

      "Hi, I'm Rosie," she said. "Would you like to share my umbrella?"

      The girl smiled shyly. "I'm Amara. We just moved here. Thank you!"

      Rosie held the umbrella high. It was a little crowded with a girl, a snail and a robin underneath, but
      nobody minded. They talked about puddles and pets and their favourite colours. Amara's favourite was
      purple. Rosie's was all of them.

      Then the rain stopped. The sun peeked out from behind the clouds, and there, across the sky, was a real
      rainbow.

      "It looks just like your umbrella!" laughed Amara.

      Rosie closed her umbrella and grinned. She had started the day with a rainbow umbrella, and she ended it
      with a brand-new friend.
    `,
    categoryNames: ['Holiday & Seasonal', 'Friendship & Feelings'],
    themeNames: ['Friendship & Belonging'],
    seasonNames: ['Spring'],
    questions: [
      {
        question: "What was special about Rosie's new umbrella?",
        options: ['It was striped like a rainbow', 'It could fly', 'It was very small', 'It was spotty'],
        correctOption: 0,
      },
      {
        question: 'Which animals sheltered under the umbrella?',
        options: ['A cat and a dog', 'A snail and a robin', 'A frog and a duck', 'A mouse and an owl'],
        correctOption: 1,
      },
      {
        question: "What was the new girl's name?",
        options: ['Amelia', 'Anna', 'Amara', 'Alice'],
        correctOption: 2,
      },
      {
        question: 'What appeared in the sky when the rain stopped?',
        options: ['A plane', 'A kite', 'A rainbow', 'The moon'],
        correctOption: 2,
      },
    ],
  },
  {
    id: '01946930-fdf0-7703-8a1c-510094400119',
    title: "Santa's Lost Mitten",
    description:
      'On Christmas Eve, Ellie and Sam find a very special red mitten in the snow and decide to give it back.',
    language: 'English',
    coverImageUrl: cover('santas-lost-mitten'),
    ageMin: 4,
    ageMax: 7,
    backgroundColor: '#B22234',
    recommended: true,
    difficultyLevel: 3,
    isInteractive: false,
    textContent: prose`
      On Christmas Eve, the snow fell softly over the little town of Pinecroft. Ellie and her big brother Sam
      were building a snowman in the front garden when Ellie spotted something bright red poking out of a
      snowdrift.

      She pulled it out. It was a mitten: a very large, very fluffy red mitten with white fur around the cuff.
      Stitched on the inside, in golden thread, were the letters S.C.

      "Who could S.C. be?" wondered Ellie.

      Sam laughed. "Maybe it's Santa Claus!"

      Ellie looked up at the roof. There, in the fresh snow, were some strange marks: two long lines, like the
      tracks of a sleigh, and lots of little hoofprints.

      "It IS Santa's!" gasped Ellie. "He must have dropped it while he was checking the rooftops. His hand will
      be freezing tonight!"

      They could have kept the mitten. It was the softest, warmest thing they had ever touched. But Ellie knew
      that it was not theirs to keep.

      That night, Ellie placed the mitten carefully by the fireplace, next to a plate of cookies and a carrot.
      She wrote a note in her best handwriting: Dear Santa, we found your mitten in the snow. We kept it safe for
      you. Love, Ellie and Sam.

      On Christmas morning, the children raced downstairs. The cookies were gone. The carrot was nibbled. And the
      big mitten had vanished.

      In its place were two small red mittens, exactly the right size for Ellie and Sam, with white fur around
      the cuffs. Tucked inside one was a tiny card that read: Thank you for being honest. Warm hands, warm
      hearts. S.C.

      Ellie and Sam wore their mittens all winter long.
    `,
    categoryNames: ['Holiday & Seasonal', 'Values & Life Lessons'],
    themeNames: ['Honesty & Integrity', 'Love & Family'],
    seasonNames: ['Christmas', 'Winter'],
    questions: [
      {
        question: 'What did Ellie find in the snowdrift?',
        options: ['A scarf', 'A red mitten', 'A hat', 'A bell'],
        correctOption: 1,
      },
      {
        question: 'Which letters were stitched inside it?',
        options: ['E.S.', 'S.C.', 'P.C.', 'R.D.'],
        correctOption: 1,
      },
      {
        question: 'Where did Ellie leave the mitten on Christmas Eve?',
        options: ['Under the tree', 'By the fireplace', 'On the roof', "In the snowman's hand"],
        correctOption: 1,
      },
      {
        question: 'What did the children find on Christmas morning?',
        options: ['A puppy', 'A sleigh', 'Two small red mittens', 'A new snowman'],
        correctOption: 2,
      },
      {
        question: 'What did the card thank them for?',
        options: ['Baking cookies', 'Being honest', 'Building a snowman', 'Singing carols'],
        correctOption: 1,
      },
    ],
  },
  {
    id: '01946931-01d8-70b2-8419-34b292306fe5',
    title: 'The Pumpkin Who Wanted to Glow',
    description:
      'Patch is the smallest, lumpiest pumpkin in the patch, but on Halloween night he glows the brightest of all.',
    language: 'English',
    coverImageUrl: cover('pumpkin-who-wanted-to-glow'),
    ageMin: 4,
    ageMax: 7,
    backgroundColor: '#E8751A',
    recommended: false,
    difficultyLevel: 3,
    isInteractive: false,
    textContent: prose`
      In a pumpkin patch at the edge of the village grew a small, lumpy pumpkin named Patch. All around him grew
      big, round, perfect pumpkins.

      "When Halloween comes," said the biggest pumpkin proudly, "the children will carve us into
      jack-o'-lanterns. We will glow on doorsteps all night long."

      Patch looked at his lumpy sides and his crooked stem. "Nobody will choose me," he sighed. "I'm too small
      and too bumpy to glow."

      One by one, families came to the patch. They picked the big pumpkins, the round pumpkins and the tall
      pumpkins. Soon Patch was the only pumpkin left. The wind blew cold, and the leaves fell orange and brown
      around him.

      On the very last afternoon before Halloween, a boy named Leo came running into the patch with his
      grandmother. "We're too late," said Grandma. "They're all gone."

      Then Leo saw Patch. "Not all of them! Look, Grandma! This one looks like it's smiling already."

      Leo carried Patch home. He and Grandma scooped out the seeds, and Grandma roasted them with a pinch of
      salt. Then Leo carved a face. Because Patch was lumpy, the face came out funny: one eye up high, one eye
      down low, and a wide, wobbly grin.

      That night, Grandma put a little light inside him. Patch began to glow.

      Children in costumes came to the door: a witch, a ghost and a small dinosaur. They all stopped and giggled.
      "That's the friendliest pumpkin on the whole street!" said the dinosaur.

      Patch glowed brighter than ever. He wasn't the biggest or the roundest. But he was the happiest
      jack-o'-lantern in the village, and that was just right.
    `,
    categoryNames: ['Holiday & Seasonal', 'Mystery & Spooky'],
    themeNames: ['Identity & Self-Discovery', 'Change & Transformation'],
    seasonNames: ['Halloween', 'Autumn'],
    questions: [
      {
        question: 'What was the small pumpkin called?',
        options: ['Pip', 'Patch', 'Pumpkin Pie', 'Percy'],
        correctOption: 1,
      },
      {
        question: 'Why did Patch think nobody would choose him?',
        options: ['He was too heavy', 'He was small and lumpy', 'He was green', 'He was too tall'],
        correctOption: 1,
      },
      {
        question: 'Who chose Patch?',
        options: ['Leo and his grandmother', 'A witch', 'The biggest pumpkin', 'A farmer'],
        correctOption: 0,
      },
      {
        question: 'What did Grandma do with the seeds?',
        options: ['Planted them', 'Threw them away', 'Roasted them', 'Fed them to the birds'],
        correctOption: 2,
      },
      {
        question: 'Which costume did NOT come to the door?',
        options: ['A witch', 'A ghost', 'A small dinosaur', 'A pirate'],
        correctOption: 3,
      },
    ],
  },
  {
    id: '01946931-05c0-7542-8914-9dcf7257e2d0',
    title: 'The Great Easter Egg Mix-Up',
    description:
      "Grandpa's Easter eggs keep turning up in the wrong places, so three cousins follow the clues to find out why.",
    language: 'English',
    coverImageUrl: cover('great-easter-egg-mix-up'),
    ageMin: 4,
    ageMax: 7,
    backgroundColor: '#F7C6D9',
    recommended: false,
    difficultyLevel: 3,
    isInteractive: false,
    textContent: prose`
      Every Easter, Grandpa hid chocolate eggs in the garden for his three grandchildren. Each child had their
      own colour. Nia's eggs were wrapped in pink foil, Tom's in blue and little Kofi's in green. Grandpa hid
      exactly five eggs for each of them.

      "Ready, steady, hunt!" called Grandpa.

      Nia looked under the rose bush. She found a blue egg. Tom looked inside the watering can. He found a pink
      egg. Kofi peeked behind the flowerpot and found... nothing at all.

      "That's strange," said Grandpa, scratching his head. "I'm sure I hid a green egg there."

      The children searched everywhere. They found more eggs in the wrong places: a green egg in the birdbath, a
      pink egg in Grandpa's boot, and a blue egg right in the middle of the lawn, where anyone could see it.
      Grandpa would never hide an egg there!

      "Someone has been moving our eggs," said Nia, narrowing her eyes like a detective. "Let's look for clues."

      Tom spotted a trail of small muddy paw prints on the path. Kofi found a scrap of shiny green foil by the
      shed. The children tiptoed round the corner of the shed, and there, in a cosy nest of old blankets, was
      Biscuit, Grandpa's puppy. He was sitting on a little pile of eggs, wagging his tail proudly.

      "Biscuit was doing his own egg hunt!" laughed Kofi.

      The children counted all the eggs. Fifteen! None were missing, and luckily none had been eaten. Biscuit had
      only wanted to play.

      "Since they got so mixed up," said Nia, "let's put them all together and share them equally."

      So they did: five each. And Biscuit got a special dog biscuit, just for being the best egg-finder of all.
    `,
    categoryNames: ['Holiday & Seasonal', 'Mystery & Spooky', 'Funny Stories'],
    themeNames: ['Justice & Fairness', 'Love & Family'],
    seasonNames: ['Easter', 'Spring'],
    questions: [
      {
        question: "What colour were Kofi's eggs?",
        options: ['Pink', 'Blue', 'Green', 'Yellow'],
        correctOption: 2,
      },
      {
        question: 'How many eggs did Grandpa hide for each child?',
        options: ['Three', 'Four', 'Five', 'Ten'],
        correctOption: 2,
      },
      {
        question: 'Which clue did Tom spot?',
        options: ['Muddy paw prints', 'A feather', 'A carrot', 'A boot print'],
        correctOption: 0,
      },
      {
        question: 'Who had been moving the eggs?',
        options: ['A rabbit', 'Biscuit the puppy', 'Grandpa', 'A squirrel'],
        correctOption: 1,
      },
      {
        question: 'How did the children share the eggs in the end?',
        options: [
          'Nia got the most',
          'Equally, five each',
          'Kofi got them all',
          'They gave them all to Biscuit',
        ],
        correctOption: 1,
      },
    ],
  },
  {
    id: '01946931-09a8-7c91-83fa-02c2e168730e',
    title: 'A Valentine for Grandpa',
    description:
      'Lucas makes the best Valentine card ever for Grandpa Joe, with a very special ticket tucked inside.',
    language: 'English',
    coverImageUrl: cover('valentine-for-grandpa'),
    ageMin: 4,
    ageMax: 8,
    backgroundColor: '#E75A7C',
    recommended: false,
    difficultyLevel: 3,
    isInteractive: false,
    textContent: prose`
      A week before Valentine's Day, Lucas's class made cards. There was red paper, pink paper, glitter and glue.
      Everybody made a card for someone they loved.

      Lucas thought hard. He could make one for Mum or Dad, but they would get lots of cards. Then he thought
      about Grandpa Joe.

      Since Grandma had passed away last spring, Grandpa Joe lived alone in his little blue house. He still
      smiled when Lucas visited, but sometimes he looked out of the window for a long time, very quietly.

      "I'll make my card for Grandpa," Lucas decided.

      He did not want to make an ordinary card. He wanted to make the best card ever. He cut out a big red heart.
      On the front he drew Grandpa Joe's garden, with the sunflowers that Grandma had loved. Inside, he stuck a
      photo of himself and Grandpa fishing at the lake. Underneath, he wrote carefully: "Grandpa, you are my best
      fishing buddy. I love you to the moon and back."

      Then Lucas had one more idea. He added a little paper ticket. It said: "Good for one fishing trip, any day
      you like."

      On Valentine's Day, Lucas and Dad drove to the little blue house. Lucas knocked on the door and held out
      his card.

      Grandpa Joe opened it slowly. He looked at the sunflowers. He looked at the photo. He read the words. Then
      he found the ticket, and his eyes went shiny and wet.

      "Are you sad, Grandpa?" asked Lucas.

      "No," said Grandpa Joe, pulling him into a big hug. "These are happy tears. This is the best card I have
      ever had."

      The very next Saturday, Grandpa Joe used his ticket. They didn't catch a single fish, but they laughed all
      day long.
    `,
    categoryNames: ['Holiday & Seasonal', 'Friendship & Feelings'],
    themeNames: ['Love & Family', 'Emotional'],
    seasonNames: ['Valentine'],
    questions: [
      {
        question: 'Who did Lucas make his Valentine card for?',
        options: ['His teacher', 'Grandpa Joe', 'His mum', 'His best friend'],
        correctOption: 1,
      },
      {
        question: 'Which flowers did Lucas draw on the front?',
        options: ['Roses', 'Tulips', 'Sunflowers', 'Daisies'],
        correctOption: 2,
      },
      {
        question: 'What did the paper ticket inside the card offer?',
        options: ['A cake', 'A fishing trip', 'A trip to the cinema', 'A bike ride'],
        correctOption: 1,
      },
      {
        question: "Why did Grandpa Joe's eyes go shiny and wet?",
        options: ['He was sad', 'He had a cold', 'He was happy', 'He had dust in his eye'],
        correctOption: 2,
      },
    ],
  },
  {
    id: '01946931-0d90-7504-95cb-cd5db8d2ff07',
    title: 'Sandcastle Kingdom',
    description:
      'Maya and Theo start building a sandcastle, and soon a whole beach of new friends is racing the tide.',
    language: 'English',
    coverImageUrl: cover('sandcastle-kingdom'),
    ageMin: 5,
    ageMax: 8,
    backgroundColor: '#F4D58D',
    recommended: false,
    difficultyLevel: 4,
    isInteractive: false,
    textContent: prose`
      On the first day of the summer holidays, Maya and her little brother Theo raced down to the beach with two
      buckets, two spades and one big plan. "We're going to build the greatest sandcastle kingdom in the world,"
      announced Maya.

      They chose a spot near the water where the sand was damp and firm. Maya built tall towers by packing wet
      sand into her bucket and tipping it over. Theo dug a deep moat around them. They decorated the walls with
      white shells, smooth pebbles and green strands of seaweed for flags.

      Other children began to gather around. A girl named Lola offered to build a bridge. A boy named Oscar made
      a long wall with a gate. Soon six children were working together, and the kingdom grew and grew.

      Then Theo looked up. "Uh-oh. The tide is coming in!"

      A wave slid up the sand and filled the moat. The next wave nibbled at the corner of a tower. Maya's heart
      sank. "It's going to wash everything away!"

      "Maybe we can't stop the sea," said Lola, "but we can be clever about it." She showed everyone how to dig a
      channel to lead the water around the kingdom instead of through it. The children dug as fast as they
      could. For a while, it worked! The water rushed along the channel, and the towers stood strong.

      Finally, though, a big wave swept over everything. When it drew back, the kingdom was just smooth, shiny
      sand.

      Nobody cried. Instead, Oscar laughed. "That was the best kingdom ever!"

      "Same time tomorrow?" asked Maya.

      "Same time tomorrow!" everyone cheered. And for the rest of the summer, they built a new kingdom every
      single day.
    `,
    categoryNames: ['Fun and Adventure', 'Friendship & Feelings'],
    themeNames: ['Friendship & Belonging', 'Hope & Perseverance'],
    seasonNames: ['Summer'],
    questions: [
      {
        question: 'Why did Maya and Theo choose damp sand?',
        options: [
          'It was warmer',
          'It was firm and good for building',
          'It had more shells',
          'It was near the café',
        ],
        correctOption: 1,
      },
      {
        question: 'What did the children use as flags?',
        options: ['Paper', 'Seaweed', 'Feathers', 'Lollipop sticks'],
        correctOption: 1,
      },
      {
        question: "What was Lola's clever idea?",
        options: [
          'Build a taller tower',
          'Dig a channel to lead the water around the kingdom',
          'Move the castle up the beach',
          'Put up a sign',
        ],
        correctOption: 1,
      },
      {
        question: 'What happened to the kingdom in the end?',
        options: [
          'A dog knocked it over',
          'It won a prize',
          'A big wave washed it away',
          'They took it home',
        ],
        correctOption: 2,
      },
      {
        question: 'How did the children feel at the end?',
        options: ['Angry', 'Sad, and they cried', 'Happy and ready to build again', 'Bored'],
        correctOption: 2,
      },
    ],
  },
  {
    id: '01946931-1178-7e7c-ad15-318e4eceb5fd',
    title: 'The Leaf Pile Detectives',
    description:
      'Every morning their leaf pile has shrunk, so Jada and Ravi set out to catch the mysterious leaf thief.',
    language: 'English',
    coverImageUrl: cover('leaf-pile-detectives'),
    ageMin: 6,
    ageMax: 9,
    backgroundColor: '#A0522D',
    recommended: false,
    difficultyLevel: 4,
    isInteractive: false,
    textContent: prose`
      Every autumn afternoon, Jada and her best friend Ravi raked the leaves in Jada's garden into one enormous
      pile. And every morning, the pile had shrunk. Leaves were scattered across the lawn in a messy trail that
      led toward the hedge.

      "Somebody is stealing our leaves," said Jada, hands on her hips.

      "Who would steal leaves?" asked Ravi.

      "That's what detectives find out," said Jada. She fetched a notebook and a magnifying glass. The Leaf Pile
      Detectives were open for business.

      Their first suspect was Rufus, the big shaggy dog next door, who loved to dig. But when they asked Mr
      Patel, he said Rufus slept inside every night. "He snores like a tractor," Mr Patel added. Rufus was
      innocent.

      Their second suspect was the wind. But the night before had been perfectly still, and the leaves had still
      moved.

      "We need evidence," said Ravi. That evening, they sprinkled a thin layer of flour on the path beside the
      pile. Then they went to bed, too excited to sleep.

      In the morning, they rushed outside. In the flour was a line of tiny footprints, each with five little
      toes, much smaller than a dog's. The trail went straight under the hedge.

      Very quietly, the detectives knelt down and peeked. Under the hedge, tucked into a round ball of leaves,
      was a small brown creature covered in spines.

      "A hedgehog!" whispered Ravi.

      Jada's grandfather came to see. "Hedgehogs build cosy nests of leaves before winter," he explained. "She's
      getting ready to hibernate. She'll sleep right through until spring."

      The detectives looked at each other and smiled. Case closed. That afternoon, they raked a brand-new pile
      and left it right beside the hedge, a gift for their prickly neighbour.
    `,
    categoryNames: ['Mystery & Spooky', 'Nature & Ocean', 'Holiday & Seasonal'],
    themeNames: ['Adventure', 'Justice & Fairness'],
    seasonNames: ['Autumn'],
    questions: [
      {
        question: 'What kept happening to the leaf pile?',
        options: ['It got bigger', 'It blew into the road', 'It shrank every morning', 'It turned green'],
        correctOption: 2,
      },
      {
        question: 'Why was Rufus the dog innocent?',
        options: [
          'He was on holiday',
          'He slept inside every night',
          'He was too small',
          'He was afraid of leaves',
        ],
        correctOption: 1,
      },
      {
        question: 'What did the detectives sprinkle on the path?',
        options: ['Sugar', 'Sand', 'Flour', 'Glitter'],
        correctOption: 2,
      },
      {
        question: 'Why was the hedgehog collecting leaves?',
        options: ['To eat them', 'To build a nest for hibernating', 'To play with them', 'To hide her food'],
        correctOption: 1,
      },
    ],
  },
  {
    id: '01946931-1560-7e32-bd45-dfeb9cfa1109',
    title: 'The Snowman Who Wanted to See Summer',
    description:
      'Frost the snowman dreams of summer, so the twins who built him find a clever way to bring summer to him.',
    language: 'English',
    coverImageUrl: cover('snowman-who-wanted-summer'),
    ageMin: 5,
    ageMax: 8,
    backgroundColor: '#A7D8F0',
    recommended: false,
    difficultyLevel: 4,
    isInteractive: false,
    textContent: prose`
      On the coldest day of winter, twins Hana and Kai built a snowman in their garden. They gave him coal for
      eyes, a carrot for a nose and Dad's old green scarf. They named him Frost.

      That night, when the moon was full, Frost blinked. He wiggled his stick arms. He was alive!

      Frost loved winter. He watched the children sledge and make snow angels. But he kept hearing them talk
      about summer. "In summer, we eat ice cream," said Hana. "In summer, the flowers bloom in every colour,"
      said Kai. "In summer, we swim in the lake."

      Frost sighed. "I wish I could see summer," he told a passing robin.

      "But Frost," said the robin gently, "summer is warm. Snowmen melt in the sunshine."

      Frost felt sad. Then Hana had an idea. "If Frost can't go to summer," she said, "we'll bring summer to
      Frost!"

      The next morning, the twins got busy. They painted pictures of sunflowers and butterflies and stuck them on
      the fence. Kai filled a bucket with sand and put a tiny paper umbrella in it, like a beach. Hana brought
      out a bowl of frozen berries, like ice cream, and played cheerful summer songs on her little radio.

      Frost's coal eyes sparkled. "So this is summer!" he said happily. "It's wonderful!"

      As the weeks went by, the days grew longer and warmer. Frost grew smaller and smaller. One bright morning
      in early spring, all that was left was a carrot, two pieces of coal and a green scarf lying in a puddle.

      But right where Frost had stood, the first snowdrop flowers were poking through the ground.

      "Look," whispered Kai. "Frost turned into spring."

      Hana smiled and folded the scarf carefully. "See you next winter, Frost."
    `,
    categoryNames: ['Fantasy & Magic', 'Holiday & Seasonal'],
    themeNames: ['Change & Transformation', 'Fantasy'],
    seasonNames: ['Winter'],
    questions: [
      {
        question: "What did the twins use for Frost's nose?",
        options: ['A button', 'A carrot', 'A pine cone', 'A stone'],
        correctOption: 1,
      },
      {
        question: 'What did Frost wish for?',
        options: ['To go sledging', 'To see summer', 'To fly', 'To have a hat'],
        correctOption: 1,
      },
      {
        question: 'How did the twins help Frost?',
        options: [
          'They put him in the freezer',
          'They brought summer to him',
          'They took him to the beach',
          'They built him a house',
        ],
        correctOption: 1,
      },
      {
        question: 'What grew where Frost had stood?',
        options: ['Sunflowers', 'Roses', 'Snowdrops', 'Tulips'],
        correctOption: 2,
      },
    ],
  },
  {
    id: '01946931-1948-7ee9-adf8-36192ab0327b',
    title: 'Captain Comet and the Lost Star',
    description:
      'Captain Comet and her robot cat fly past Mars, Jupiter and Saturn to help a little star find her way home.',
    language: 'English',
    coverImageUrl: cover('captain-comet-lost-star'),
    ageMin: 5,
    ageMax: 8,
    backgroundColor: '#14213D',
    recommended: true,
    difficultyLevel: 4,
    isInteractive: false,
    textContent: prose`
      Captain Comet was the youngest pilot in the Starlight Space Fleet. She flew a silver rocket called Zoom,
      and her co-pilot was a robot cat named Bolt.

      One night, a message crackled over the radio. "Help! Help! I'm lost!" It was a tiny voice, as faint as a
      whisper.

      "Bolt, where is that coming from?" asked Captain Comet.

      Bolt's whiskers flashed. "From beyond the rings of Saturn, Captain."

      "Then that's where we're going!" Captain Comet pulled the big lever. Three, two, one... blast off!

      Zoom zipped past the red dust storms of Mars. It swerved around the giant swirling storms of Jupiter, the
      biggest planet of all. Then it slowed down carefully beside the beautiful rings of Saturn, which are made
      of countless pieces of ice and rock.

      There, hiding behind a chunk of ice, was a small, shivering star. Her light was dim and flickering.

      "I fell out of my constellation," she sniffled. "I was dancing too fast, and now I can't find my way home.
      My family is the Little Dipper."

      "Don't worry," said Captain Comet. "Every pilot knows the Little Dipper. Its brightest star is the North
      Star, Polaris. Follow me!"

      The little star held on to Zoom's tail fin, and off they flew. Past Saturn, past Jupiter, up and up, until
      they saw stars arranged in the shape of a little cup with a long handle. There was a gap in the handle,
      exactly the size of a little star.

      The little star zoomed into her place. Instantly, she shone brighter than ever. All of her star family
      twinkled with joy.

      "Thank you, Captain Comet!" they sang.

      Captain Comet saluted. "All in a night's work. Next stop: home, and hot cocoa."

      Bolt purred in agreement.
    `,
    categoryNames: ['Science & Discovery', 'Adventure & Action'],
    themeNames: ['Sci-Fi', 'Adventure'],
    questions: [
      {
        question: "What was the name of Captain Comet's rocket?",
        options: ['Zoom', 'Bolt', 'Polaris', 'Starlight'],
        correctOption: 0,
      },
      {
        question: 'What was Bolt?',
        options: ['A dog', 'A robot cat', 'A star', 'An alien'],
        correctOption: 1,
      },
      {
        question: "What are Saturn's rings made of?",
        options: ['Gold and silver', 'Pieces of ice and rock', 'Clouds', 'Candy'],
        correctOption: 1,
      },
      {
        question: 'Which constellation did the little star belong to?',
        options: ['The Big Dipper', 'Orion', 'The Little Dipper', 'The Great Bear'],
        correctOption: 2,
      },
      {
        question: 'What is the name of the North Star?',
        options: ['Sirius', 'Polaris', 'Vega', 'Comet'],
        correctOption: 1,
      },
    ],
  },
  {
    id: '01946931-1d30-7283-aed6-c0bfd8bc4de6',
    title: "Mila's Bean Experiment",
    description:
      'Mila plants three beans to find out what a plant really needs to grow, and thinks like a real scientist.',
    language: 'English',
    coverImageUrl: cover('mila-bean-experiment'),
    ageMin: 6,
    ageMax: 9,
    backgroundColor: '#6BBF59',
    recommended: false,
    difficultyLevel: 5,
    isInteractive: false,
    textContent: prose`
      Mila wanted to be a scientist, so her aunt Rosa gave her three bean seeds, three small pots and a notebook.
      "Real scientists ask questions," said Aunt Rosa, "and then they test them."

      Mila's question was simple: What does a plant need to grow?

      She filled all three pots with soil and pushed one bean into each, about as deep as her finger. Then she
      set up her experiment.

      Pot One went on the sunny windowsill, and Mila watered it every two days. Pot Two went on the windowsill
      too, but Mila did not water it at all. Pot Three went inside a dark cupboard, and Mila watered it every two
      days, just like Pot One.

      Every morning, Mila checked her pots and wrote in her notebook. For four days, nothing happened. "Maybe the
      beans are broken," she worried.

      "Be patient," said Aunt Rosa. "Seeds are busy underground."

      On day six, a tiny green loop pushed up through the soil of Pot One. Mila squealed. By day ten it had two
      leaves and was leaning toward the window.

      Pot Two stayed dry and still. Not a single sprout.

      Pot Three surprised her. A sprout did appear, but it was pale yellow, thin and wobbly, as if it was
      stretching to find the light.

      Mila studied her notes and wrote her conclusion in big letters: PLANTS NEED WATER TO START GROWING, AND
      LIGHT TO GROW GREEN AND STRONG.

      "Excellent work, Scientist Mila," said Aunt Rosa.

      Mila moved the pale sprout to the windowsill and gave Pot Two a drink. Within a few weeks, all three plants
      were growing. Mila grinned. Now she had a brand-new question: How tall can a bean plant grow?
    `,
    categoryNames: ['Science & Discovery', 'Educational'],
    themeNames: ['Hope & Perseverance'],
    questions: [
      {
        question: 'What did Aunt Rosa give Mila?',
        options: [
          'A telescope',
          'Three bean seeds, three pots and a notebook',
          'A microscope',
          'A book about flowers',
        ],
        correctOption: 1,
      },
      {
        question: 'Which pot was never watered?',
        options: ['Pot One', 'Pot Two', 'Pot Three', 'None of them'],
        correctOption: 1,
      },
      {
        question: 'What did the sprout in the dark cupboard look like?',
        options: ['Tall and dark green', 'Pale yellow and thin', 'Red with flowers', 'There was no sprout'],
        correctOption: 1,
      },
      {
        question: 'On which day did the first sprout appear?',
        options: ['Day two', 'Day four', 'Day six', 'Day ten'],
        correctOption: 2,
      },
      {
        question: 'What did Mila conclude?',
        options: [
          'Plants only need soil',
          'Plants need water to start growing and light to grow green and strong',
          'Plants grow best in the dark',
          'Plants do not need water',
        ],
        correctOption: 1,
      },
    ],
  },
  {
    id: '01946931-2118-77f9-af01-a462846964df',
    title: 'The Robot Who Learned to Laugh',
    description: 'Gizmo the robot can do almost anything except laugh, until Isla has a very funny accident.',
    language: 'English',
    coverImageUrl: cover('robot-who-learned-to-laugh'),
    ageMin: 6,
    ageMax: 9,
    backgroundColor: '#5DA9E9',
    recommended: false,
    difficultyLevel: 5,
    isInteractive: false,
    textContent: prose`
      In a tidy workshop at the top of a hill lived a robot named Gizmo. Gizmo could do almost anything. He could
      sweep a floor in seconds, solve a hundred sums in a blink and fold laundry into perfect squares. But there
      was one thing Gizmo could not do. He could not laugh.

      Every afternoon, a girl named Isla came to visit her uncle, the inventor who had built Gizmo. Isla laughed
      all the time. She laughed at jokes, at cartoons and at her uncle's terrible singing.

      "Isla," said Gizmo one day, "please explain laughter. My sensors detect a strange sound, but my programs
      cannot understand it."

      Isla thought about it. "Laughing is what happens when something surprises you in a happy way. Let me show
      you."

      First, she told him a joke. "Why did the cookie go to the doctor? Because it felt crummy!"

      Gizmo processed this. "Cookies cannot feel. Cookies do not visit doctors." He did not laugh.

      Next, Isla pulled a silly face, crossing her eyes and puffing out her cheeks. Gizmo scanned it. "Facial
      expression: unusual." He did not laugh.

      Isla was running out of ideas. She turned to fetch her joke book, tripped over the robot's vacuum hose and
      landed, bottom first, in a basket of clean laundry. Socks flew everywhere. One landed right on top of
      Gizmo's head.

      For a moment, nobody moved. Then Gizmo's lights began to blink very fast. A strange sound came out of his
      speaker: "Ha... ha-ha... HA-HA-HA!"

      Isla stared at him, a sock hanging from her ear. Then she laughed too, until her tummy ached.

      "I understand now," said Gizmo, still giggling. "Laughter is better when you share it."

      From that day on, Gizmo kept a joke file. And he always laughed at Isla's jokes, even the crummy ones.
    `,
    categoryNames: ['Friendship & Feelings', 'Funny Stories'],
    themeNames: ['Sci-Fi', 'Friendship & Belonging'],
    questions: [
      {
        question: 'What could Gizmo NOT do at the start of the story?',
        options: ['Sweep the floor', 'Do sums', 'Laugh', 'Fold laundry'],
        correctOption: 2,
      },
      {
        question: 'Who built Gizmo?',
        options: ['Isla', "Isla's uncle", 'A big factory', 'Gizmo built himself'],
        correctOption: 1,
      },
      {
        question: "What landed on Gizmo's head?",
        options: ['A cookie', 'A sock', 'A hat', 'A joke book'],
        correctOption: 1,
      },
      {
        question: 'What did Gizmo learn about laughter?',
        options: [
          'It is too noisy',
          'It is better when you share it',
          'It is only for children',
          'It is a mistake',
        ],
        correctOption: 1,
      },
    ],
  },
  {
    id: '01946931-2500-784b-ae14-2c73e9cf7c39',
    title: 'Tilly the Tortoise and the Puzzle Hunt',
    description:
      'Tilly is too slow for races, but at the Meadow Games she discovers that careful eyes can win the day.',
    language: 'English',
    coverImageUrl: cover('tilly-tortoise-puzzle-hunt'),
    ageMin: 4,
    ageMax: 7,
    backgroundColor: '#8FBC5A',
    recommended: false,
    difficultyLevel: 3,
    isInteractive: false,
    textContent: prose`
      Every summer, the animals of Clover Meadow held the Meadow Games. There were races for the hares, jumping
      contests for the frogs and climbing challenges for the squirrels. Tilly the tortoise had never entered
      anything.

      "I'm too slow for races," she told her friend Beetle. "I can't jump, and I certainly can't climb."

      "There's a new event this year," said Beetle, pointing at a sign. "The Great Meadow Puzzle Hunt. Find five
      hidden clues to reach the golden acorn."

      Tilly decided to try.

      When the whistle blew, the hares zoomed off. The squirrels raced up trees. Tilly walked slowly, looking
      carefully at everything.

      The first clue was hidden under a mushroom. The hares had dashed right past it, but Tilly noticed a little
      paper corner sticking out. It said: Where the water sings. Tilly thought about it. "The stream!" she said,
      and plodded toward it.

      At the stream, the second clue was tucked behind a smooth stone. Tilly read it slowly and calmly. Some of
      the other animals were getting frustrated. A squirrel had torn his clue in a hurry. A hare had gone the
      wrong way twice.

      Tilly kept going, step by step, clue by clue. The third clue was inside a hollow log. The fourth was tied
      to a sunflower. The fifth clue said: Where you started.

      Tilly smiled. She turned around and walked all the way back to the starting line. There, under the
      starting flag, half hidden in the grass, lay the golden acorn.

      The whole meadow cheered. "Tilly wins!"

      "How did you do it?" puffed a hare.

      "I didn't rush," said Tilly. "I looked, I thought and I never gave up."

      That night, the golden acorn sat proudly on Tilly's shelf.
    `,
    categoryNames: ['Animal Stories', 'Values & Life Lessons'],
    themeNames: ['Hope & Perseverance', 'Identity & Self-Discovery'],
    questions: [
      {
        question: 'What is the name of the meadow?',
        options: ['Daisy Meadow', 'Clover Meadow', 'Sunny Meadow', 'Green Meadow'],
        correctOption: 1,
      },
      {
        question: 'What was the prize of the Puzzle Hunt?',
        options: ['A golden acorn', 'A silver leaf', 'A crown', 'A medal'],
        correctOption: 0,
      },
      {
        question: 'Where was the first clue hidden?',
        options: ['Under a mushroom', 'In the stream', 'Inside a hollow log', 'On a sunflower'],
        correctOption: 0,
      },
      {
        question: 'Where was the golden acorn in the end?',
        options: ['At the top of a tree', 'Under the starting flag', 'In the stream', 'In a cave'],
        correctOption: 1,
      },
      {
        question: 'Why did Tilly win?',
        options: [
          'She ran the fastest',
          'She looked carefully and never gave up',
          'Beetle carried her',
          'She was lucky',
        ],
        correctOption: 1,
      },
    ],
  },
  {
    id: '01946931-28e8-71f6-bb2f-89ee91cce747',
    title: 'The Case of the Missing Cookies',
    description: 'Three cookies have vanished from the kitchen table, and Detective Zoe is on the case.',
    language: 'English',
    coverImageUrl: cover('case-of-the-missing-cookies'),
    ageMin: 6,
    ageMax: 9,
    backgroundColor: '#7B4B2A',
    recommended: false,
    difficultyLevel: 5,
    isInteractive: true,
    textContent: prose`
      Grandma Bea baked twelve chocolate chip cookies and set them on the kitchen table to cool. "Nobody touch
      them until after dinner," she said.

      An hour later, Zoe walked into the kitchen and counted. One, two, three... nine. Only nine cookies! Three
      had vanished.

      Zoe put on her detective hat. "This," she announced, "is a case for Detective Zoe."

      She made a list of suspects. Suspect number one: Whiskers the cat, who liked to jump on tables. Suspect
      number two: Dad, who loved chocolate more than anyone. Suspect number three: her little brother Max, who
      had been very quiet all afternoon. Too quiet.

      Zoe looked for clues. On the table there were no paw prints, only a few crumbs. "Whiskers leaves paw
      prints everywhere," she reasoned. Whiskers was cleared.

      Next, she checked on Dad. He was in the garden pulling weeds, and his gloves were covered in mud. But the
      crumbs on the table were clean. No mud anywhere. Dad was cleared.

      That left Max. Zoe followed a tiny trail of crumbs from the kitchen, down the hall and up the stairs. The
      trail stopped outside Max's bedroom door. Zoe knocked.

      Max opened the door, looking guilty. Behind him, on a blanket on the floor, was a little picnic: three
      cookies on three paper plates, and three cups of water.

      "I wanted to make a surprise picnic for you, me and Grandma," said Max in a small voice. "I'm sorry. I know
      she said not to touch them."

      Zoe thought for a moment. "Thank you for telling the truth, Max."

      They went downstairs together and told Grandma Bea everything. Grandma smiled and said, "A picnic sounds
      lovely. But next time, ask first."

      And so the case was closed, with the best indoor picnic ever.
    `,
    categoryNames: ['Mystery & Spooky', 'Funny Stories'],
    themeNames: ['Honesty & Integrity', 'Justice & Fairness'],
    branches: [
      {
        prompt: 'Who should Detective Zoe investigate first?',
        optionA: 'Whiskers the cat',
        optionB: 'Dad in the garden',
        nextA: 'Zoe checks the kitchen table for paw prints.',
        nextB: 'Zoe finds Dad pulling weeds with muddy gloves.',
      },
    ],
    questions: [
      {
        question: 'How many cookies did Grandma Bea bake?',
        options: ['Nine', 'Ten', 'Twelve', 'Fifteen'],
        correctOption: 2,
      },
      {
        question: 'Why was Whiskers the cat cleared?',
        options: ['She was asleep', 'There were no paw prints', 'She was outside', 'She was with Dad'],
        correctOption: 1,
      },
      {
        question: 'Why was Dad cleared?',
        options: [
          'The crumbs had no mud on them',
          'He was at work',
          "He doesn't like cookies",
          'He was asleep',
        ],
        correctOption: 0,
      },
      {
        question: 'Why did Max take the cookies?',
        options: [
          'He was very hungry',
          'To make a surprise picnic',
          'To feed the cat',
          'To hide them from Dad',
        ],
        correctOption: 1,
      },
      {
        question: 'What did Grandma ask Max to do next time?',
        options: ['Bake his own cookies', 'Ask first', 'Share with the cat', 'Eat them all'],
        correctOption: 1,
      },
    ],
  },
  {
    id: '01946931-2cd0-79f8-9a66-a453083b60a7',
    title: 'Finn and the Friendly Octopus',
    description:
      'While snorkelling over a coral reef, Finn meets a clever octopus who leads him to a creature in trouble.',
    language: 'English',
    coverImageUrl: cover('finn-friendly-octopus'),
    ageMin: 5,
    ageMax: 8,
    backgroundColor: '#0E7C86',
    recommended: false,
    difficultyLevel: 4,
    isInteractive: false,
    textContent: prose`
      Finn had waited all year to go snorkelling with his mum. Now, floating above the bright coral reef, he
      could hardly believe his eyes. There were striped fish, spotted fish and a fish so blue it looked like a
      piece of sky.

      Then Finn noticed a rock that seemed to blink.

      He looked closer. The rock was not a rock at all. It was an octopus! As Finn watched, its skin changed from
      bumpy grey to smooth orange, and then to spotted red.

      Finn waved slowly. The octopus stretched out one curly arm and waved back. Or at least, that's what it
      looked like. Finn counted her arms: eight, each one covered in little round suckers.

      The octopus seemed curious. She swam a little way, then stopped and looked back at Finn, as if to say,
      "Follow me." Finn and his mum followed at a safe, gentle distance.

      She led them to a hole in the reef. Something was tangled there: an old plastic bag, caught on the coral
      and flapping in the current. A small crab was trapped inside it, scrabbling to get out.

      Finn's mum carefully unhooked the bag. The crab scuttled free and hid under a ledge. Finn tucked the bag
      into the pocket of his swimsuit to put in a bin later.

      The octopus flashed a bright, happy pink. Then she squeezed herself into a gap no bigger than a coin, and
      she was gone.

      Back on the beach, Finn couldn't stop talking. "Did you know octopuses have three hearts?" said Mum. "And
      they're some of the cleverest animals in the sea."

      That afternoon, Finn and his mum walked along the beach and picked up every piece of litter they could
      find. They filled a whole bag. Finn hoped his octopus friend would be proud.
    `,
    categoryNames: ['Nature & Ocean', 'Animal Stories'],
    themeNames: ['Friendship & Belonging', 'Adventure'],
    seasonNames: ['Summer'],
    questions: [
      {
        question: 'What did Finn first think the octopus was?',
        options: ['A fish', 'A rock', 'A shell', 'Seaweed'],
        correctOption: 1,
      },
      {
        question: 'How many arms did the octopus have?',
        options: ['Six', 'Eight', 'Ten', 'Four'],
        correctOption: 1,
      },
      {
        question: 'What was trapped in the plastic bag?',
        options: ['A fish', 'A starfish', 'A small crab', 'A turtle'],
        correctOption: 2,
      },
      {
        question: 'How many hearts does an octopus have?',
        options: ['One', 'Two', 'Three', 'Four'],
        correctOption: 2,
      },
      {
        question: 'What did Finn and his mum do that afternoon?',
        options: [
          'Built a sandcastle',
          'Picked up litter on the beach',
          'Went fishing',
          'Swam with dolphins',
        ],
        correctOption: 1,
      },
    ],
  },
  {
    id: '01946931-30b8-7439-a084-bd5a58733480',
    title: 'The Dragon Who Was Afraid of the Dark',
    description:
      'Ember the young dragon is brave about everything except the dark, until her grandmother shows her the night sky.',
    language: 'English',
    coverImageUrl: cover('dragon-afraid-of-the-dark'),
    ageMin: 4,
    ageMax: 7,
    backgroundColor: '#4B2E83',
    recommended: true,
    difficultyLevel: 3,
    isInteractive: false,
    textContent: prose`
      High on Misty Mountain lived a young dragon named Ember. She had shiny purple scales, wings like sails and
      a puff of smoke whenever she sneezed. Ember was brave about lots of things. She wasn't afraid of thunder or
      tall cliffs or even grumpy trolls. But she was very afraid of the dark.

      Every night, when the sun slid behind the mountain and the cave grew black, Ember hid under her wing. "What
      if there are monsters?" she whispered.

      "I understand," said her grandmother, Old Cinder, gently. "The dark can feel big when you are small."

      One night, Old Cinder said, "Come with me, Ember. I want to show you something."

      Holding her grandmother's tail, Ember stepped out of the cave. The night was dark and cool. Her heart
      thumped.

      "Now," said Old Cinder, "look up."

      Ember looked. The sky was full of stars, more than she had ever imagined, glittering like spilled
      treasure. A silver moon floated above the peaks.

      "Now look down."

      Down in the valley, tiny lights glowed in the windows of the village. And all around them, hundreds of
      fireflies blinked on and off, like little lanterns.

      "You can only see the stars and the fireflies when it's dark," said Old Cinder. "The dark isn't empty,
      Ember. It's full of wonderful things, waiting for you to notice them."

      Ember took a deep breath. Then, very gently, she blew out a small warm flame, just enough to make a soft
      orange glow. The fireflies danced around it.

      "I can make my own little light," she said, "whenever I need it."

      From then on, Ember slept at the mouth of the cave, where she could see the stars. And whenever she felt a
      tiny bit scared, she breathed a small, warm glow and smiled.
    `,
    categoryNames: ['Fantasy & Magic', 'Bedtime Stories'],
    themeNames: ['Courage / Bravery', 'Fantasy'],
    questions: [
      {
        question: "What colour were Ember's scales?",
        options: ['Green', 'Red', 'Purple', 'Gold'],
        correctOption: 2,
      },
      {
        question: 'What was Ember afraid of?',
        options: ['Thunder', 'Trolls', 'The dark', 'Tall cliffs'],
        correctOption: 2,
      },
      {
        question: 'What did Old Cinder show Ember when she looked up?',
        options: ['A rainbow', 'Stars and the moon', 'Birds', 'Clouds'],
        correctOption: 1,
      },
      {
        question: 'How could Ember make her own light?',
        options: ['With a lantern', 'By breathing a small flame', 'By catching fireflies', 'With a candle'],
        correctOption: 1,
      },
    ],
  },
  {
    id: '01946931-34a0-7891-af6a-3fa24697f46a',
    title: "Zara's Super Sneakers",
    description:
      'Zara is sure her new silver sneakers give her superpowers, until she learns where the real power comes from.',
    language: 'English',
    coverImageUrl: cover('zaras-super-sneakers'),
    ageMin: 6,
    ageMax: 9,
    backgroundColor: '#C0C7D1',
    recommended: false,
    difficultyLevel: 5,
    isInteractive: false,
    textContent: prose`
      When Zara's old trainers finally fell apart, her mum bought her a new pair from the little shop on Maple
      Street. They were silver with lightning bolts on the sides, and when Zara stepped into them, she felt a
      tingle from her toes to her ears.

      "These," she announced, "are super sneakers."

      The next morning, Zara tested them. She ran to school faster than ever and arrived before the bell for the
      first time all year. "It's working!" she whispered.

      At break time, a little boy named Jamie was crying because his football was stuck on the shed roof. Zara
      didn't even think. She found a long stick, stood on tiptoe on a sturdy bench and knocked the ball down.
      "Super Sneakers to the rescue!" she said, and Jamie laughed through his tears.

      At lunch, two older kids were teasing a new girl about her accent. Zara's legs wobbled, but her sneakers
      felt strong. She marched over. "Leave her alone," she said clearly. "That isn't kind." The older kids
      shrugged and walked away, and the new girl, Sofia, gave Zara a grateful smile.

      After school, Zara spotted a lost kitten under a car and carried it back to its worried owner.

      That night, Zara's mum picked up the sneakers to put them by the door. "Zara," she said, "you know these
      are ordinary sneakers, don't you? The shop sells dozens of them every week."

      Zara's mouth fell open. "But... I rescued a football. I stood up to the bullies. I found a kitten!"

      Mum smiled and hugged her. "Yes, you did. The sneakers didn't do any of that. You did."

      Zara lay in bed, thinking. Maybe the real superpower wasn't in her shoes at all. Maybe it had been in her
      all along.
    `,
    categoryNames: ['Superheroes', 'Values & Life Lessons'],
    themeNames: ['Identity & Self-Discovery', 'Courage / Bravery'],
    questions: [
      {
        question: "What was on the sides of Zara's new sneakers?",
        options: ['Stars', 'Lightning bolts', 'Hearts', 'Stripes'],
        correctOption: 1,
      },
      {
        question: 'What did Zara rescue from the shed roof?',
        options: ['A kite', 'A cat', 'A football', 'A hat'],
        correctOption: 2,
      },
      {
        question: 'What did Zara do when the new girl was being teased?',
        options: ['Ran away', 'Told them to leave her alone', 'Laughed along', 'Cried'],
        correctOption: 1,
      },
      {
        question: 'What did Mum say about the sneakers?',
        options: [
          'They were magic',
          'They were too small',
          'They were ordinary sneakers',
          'They were broken',
        ],
        correctOption: 2,
      },
      {
        question: "What was Zara's real superpower?",
        options: ['Super speed', 'Flying', 'Her own kindness and courage', 'Being invisible'],
        correctOption: 2,
      },
    ],
  },
  {
    id: '01946931-3888-7cc1-8c07-a3714ba522c6',
    title: "The Woodcutter's Honest Daughter",
    description:
      "When Anya drops her family's old iron axe into the river, a River Spirit offers her gold and silver instead.",
    language: 'English',
    coverImageUrl: cover('woodcutters-honest-daughter'),
    ageMin: 7,
    ageMax: 10,
    backgroundColor: '#2F5D50',
    recommended: false,
    difficultyLevel: 6,
    isInteractive: false,
    textContent: prose`
      Long ago, at the edge of a great forest, lived a woodcutter and his daughter, Anya. They were poor, but
      they were happy, and their most precious possession was an old iron axe that had belonged to Anya's
      grandfather.

      One autumn day, Anya carried the axe to the river to help her father cut firewood. As she crossed the
      narrow wooden bridge, her foot slipped. The axe flew from her hands and sank beneath the dark water.

      Anya sat on the riverbank and wept. Without the axe, how would they earn their bread?

      The water began to shimmer. A woman rose from the river, her hair flowing like silver reeds. "Why do you
      cry, child?" asked the River Spirit.

      Anya explained. The spirit nodded and dived beneath the water. When she rose again, she was holding an axe
      of shining gold. "Is this your axe?"

      Anya looked at the golden axe. It would make them rich. But she shook her head. "No, that is not mine."

      The spirit dived again and brought up an axe of gleaming silver. "Is this your axe, then?"

      "No," said Anya firmly. "Mine is plain iron, with a worn wooden handle."

      The spirit dived a third time and returned with the old iron axe. Anya's face lit up. "Yes! That one is
      mine!"

      The River Spirit smiled. "Your honesty is worth more than gold. Take all three."

      Soon the story spread through the village. A greedy neighbour named Boris rushed to the river and threw his
      own axe in on purpose. When the spirit appeared holding a golden axe, he shouted, "Yes, yes, that's mine!"

      The spirit frowned. She sank beneath the water with the golden axe, and Boris never saw his own axe again.

      Anya and her father shared their good fortune with the whole village, and Anya kept the old iron axe
      forever.
    `,
    categoryNames: ['Fairytales & Folktales', 'Values & Life Lessons'],
    themeNames: ['Honesty & Integrity', 'Greed vs. Generosity'],
    questions: [
      {
        question: "What was Anya's axe made of?",
        options: ['Gold', 'Silver', 'Iron', 'Stone'],
        correctOption: 2,
      },
      {
        question: 'How did Anya lose the axe?',
        options: ['It was stolen', 'It fell into the river', 'She left it in the forest', 'A bird took it'],
        correctOption: 1,
      },
      {
        question: 'What did the River Spirit give Anya for her honesty?',
        options: ['A bag of coins', 'All three axes', 'A new house', 'A magic boat'],
        correctOption: 1,
      },
      {
        question: 'What happened to Boris?',
        options: [
          'He got a golden axe',
          'He lost his own axe',
          "He became the spirit's friend",
          'He fell in the river',
        ],
        correctOption: 1,
      },
    ],
  },
  {
    id: '01946931-3c70-77d6-9856-9a9b2a2d8704',
    title: 'How the Firefly Got Its Glow',
    description:
      'Long ago, a plain little beetle made a brave journey to help a lost rabbit, and the world has glowed ever since.',
    language: 'English',
    coverImageUrl: cover('how-the-firefly-got-its-glow'),
    ageMin: 6,
    ageMax: 9,
    backgroundColor: '#1B3A2F',
    recommended: false,
    difficultyLevel: 5,
    isInteractive: false,
    textContent: prose`
      Long, long ago, when the world was young, the firefly had no glow at all. She was a small, plain, brown
      beetle who flew about quietly in the dusk, and hardly anyone noticed her.

      In those days, the nights in the forest were perfectly dark. The moon was only a thin sliver, and the stars
      were hidden behind thick clouds.

      One night, a baby rabbit wandered too far from home. When darkness fell, she couldn't see the path. She sat
      under a fern, shivering and calling for her mother.

      The firefly heard her. "I wish I could help," she said, "but I am only a little beetle."

      Still, she flew to the great Owl, the wisest creature in the forest. "How can I help a lost rabbit find her
      way home in the dark?"

      Owl blinked his golden eyes. "Far away, on top of the highest hill, the last embers of the sunset glow
      until midnight. If you can carry a spark back before it fades, you may light the way. But the hill is far,
      and your wings are small."

      The firefly did not hesitate. She flew over the river, through the thorny bushes and up the steep hill. Her
      wings ached. Her legs trembled. At the top, she found a single tiny ember, glowing red and gold.

      She held it close. The ember was warm, but it did not burn her. Instead, it settled into her body, and
      suddenly her tail began to shine.

      Glowing like a little lantern, the firefly raced back to the forest. She found the baby rabbit under the
      fern and led her, blink by blink, all the way home.

      The Sun heard of the firefly's kindness and decided she should keep the spark forever. And that is why, on
      summer nights, fireflies still glow, lighting the way for anyone who is lost.
    `,
    categoryNames: ['Fairytales & Folktales', 'Nature & Ocean'],
    themeNames: ['Courage / Bravery', 'Change & Transformation'],
    questions: [
      {
        question: 'What did the firefly look like at the start of the story?',
        options: ['Bright and golden', 'A plain brown beetle', 'A big butterfly', 'A green bug with spots'],
        correctOption: 1,
      },
      {
        question: 'Who was lost in the forest?',
        options: ['A baby rabbit', 'A little fox', 'A bird', 'A mouse'],
        correctOption: 0,
      },
      {
        question: 'Who told the firefly where to find a spark?',
        options: ['The Moon', 'The great Owl', "The rabbit's mother", 'The Sun'],
        correctOption: 1,
      },
      {
        question: 'Where was the glowing ember?',
        options: ['In a cave', 'By the river', 'On top of the highest hill', 'Under a fern'],
        correctOption: 2,
      },
    ],
  },
  {
    id: '01946931-4058-77a9-a875-396dce86b2d0',
    title: "Ada's Amazing Volcano",
    description:
      'Ada builds an erupting volcano for the science fair and learns that a failed first try is part of the fun.',
    language: 'English',
    coverImageUrl: cover('adas-amazing-volcano'),
    ageMin: 7,
    ageMax: 10,
    backgroundColor: '#C0392B',
    recommended: false,
    difficultyLevel: 6,
    isInteractive: false,
    textContent: prose`
      The school science fair was one week away, and Ada knew exactly what she wanted to build: an erupting
      volcano.

      She built the mountain first. She stood a plastic bottle in the middle of a tray and covered it with
      papier-mâché, strips of newspaper dipped in flour-and-water paste. When it dried, she painted it brown and
      grey, with bright orange streaks of "lava" running down the sides.

      "Now for the eruption," said Ada. She had read that when baking soda and vinegar mix, they react and make a
      gas called carbon dioxide. The bubbles of gas push everything up and out.

      Ada put one teaspoon of baking soda into the bottle and poured in a splash of vinegar. She held her breath.

      Fizz. A few sad bubbles popped at the top. That was all.

      Ada's shoulders drooped. But her dad, who was watching, asked a question. "What could you change?"

      Ada thought like a scientist. "Maybe I need more of everything." She tried three big spoonfuls of baking
      soda and half a cup of vinegar. This time, the foam rose to the top of the bottle and dribbled over the
      edge. Better, but not amazing.

      "What makes bubbles last longer?" she wondered aloud. Then she remembered the washing-up. "Soap!"

      For her third try, Ada mixed warm water, a squeeze of washing-up liquid and a few drops of red food
      colouring with the baking soda. Then she poured in the vinegar.

      WHOOSH! Thick red foam surged out of the top and poured down the mountain like real lava. Ada jumped up and
      down, cheering.

      At the science fair, her volcano erupted five times, and a crowd gathered every time. Ada won a blue
      ribbon. But the part she liked best was her poster, which said: My first try didn't work. That's how I
      learned.
    `,
    categoryNames: ['Science & Discovery', 'Educational'],
    themeNames: ['Hope & Perseverance'],
    questions: [
      {
        question: 'Which gas is made when baking soda and vinegar mix?',
        options: ['Oxygen', 'Carbon dioxide', 'Helium', 'Steam'],
        correctOption: 1,
      },
      {
        question: "What happened on Ada's first try?",
        options: ['It exploded', 'Only a few bubbles appeared', 'It caught fire', 'The bottle broke'],
        correctOption: 1,
      },
      {
        question: 'What did Ada add to make the bubbles last longer?',
        options: ['Salt', 'Sugar', 'Washing-up liquid', 'Milk'],
        correctOption: 2,
      },
      {
        question: "What did Ada's poster say?",
        options: [
          'Science is easy',
          'Volcanoes are dangerous',
          "My first try didn't work. That's how I learned.",
          'I am the winner!',
        ],
        correctOption: 2,
      },
    ],
  },
  {
    id: '01946931-4440-7c65-855e-66bb386d4b2a',
    title: 'Mary Anning and the Sea Dragon',
    description:
      'The true story of a young fossil hunter who uncovered the skeleton of an ancient sea reptile on a stormy English beach.',
    language: 'English',
    coverImageUrl: cover('mary-anning-sea-dragon'),
    ageMin: 8,
    ageMax: 11,
    backgroundColor: '#6C7A89',
    recommended: true,
    difficultyLevel: 7,
    isInteractive: false,
    textContent: prose`
      More than two hundred years ago, in a small seaside town called Lyme Regis in England, there lived a girl
      named Mary Anning. Mary's family was poor, but they lived beside some of the most amazing cliffs in the
      world. Hidden inside those crumbling cliffs were fossils: the stony remains of creatures that lived
      millions of years ago.

      Mary's father taught her how to hunt for fossils along the beach. They searched after storms, when waves
      and rain had washed away pieces of cliff and uncovered new treasures. They sold the curly shells, called
      ammonites, to visitors to help pay for food.

      When Mary was eleven, her father died. The family needed money more than ever, so Mary and her brother
      Joseph kept hunting. It was dangerous work. The cliffs could collapse without warning, and the tide came in
      fast.

      One day, Joseph found a strange, long skull sticking out of the rock. It had a pointed snout and enormous
      eye sockets. About a year later, Mary found the rest of the skeleton. Carefully, day after day, she
      chipped away the rock around it.

      The creature was over five metres long. It looked like a mixture of a fish and a lizard. Scientists called
      it an ichthyosaur, which means "fish lizard." It was a sea reptile that lived in the oceans in the time of
      the dinosaurs.

      Mary kept searching all her life, and she made many more important discoveries. Scientists travelled from
      far away to ask her questions. But in those days, women were not allowed to join the important science
      societies, so she rarely got the credit she deserved.

      Today, Mary Anning is remembered as one of the greatest fossil hunters in history. She showed the world
      that curiosity, patience and courage matter far more than where you come from.
    `,
    categoryNames: ['History & Real Heroes', 'Science & Discovery'],
    themeNames: ['Courage / Bravery', 'Hope & Perseverance'],
    questions: [
      {
        question: 'Where did Mary Anning live?',
        options: ['London', 'Lyme Regis', 'Paris', 'Edinburgh'],
        correctOption: 1,
      },
      {
        question: 'When was the best time to search for fossils?',
        options: ['At midnight', 'After storms', 'Only in summer', 'At high tide'],
        correctOption: 1,
      },
      {
        question: 'Who found the strange skull first?',
        options: ['Mary', 'Her father', 'Her brother Joseph', 'A visiting scientist'],
        correctOption: 2,
      },
      {
        question: 'What does "ichthyosaur" mean?',
        options: ['Big tooth', 'Fish lizard', 'Sea dragon', 'Old bird'],
        correctOption: 1,
      },
      {
        question: 'Why did Mary rarely get the credit she deserved?',
        options: [
          'She kept her fossils secret',
          'Women were not allowed to join the science societies',
          'She did not find anything important',
          'She moved away from England',
        ],
        correctOption: 1,
      },
    ],
  },
  {
    id: '01946931-4828-7ec3-bb26-f81a2d2ccf1d',
    title: "The Lighthouse Keeper's Secret",
    description:
      'Every night at nine, a light blinks on an empty island, and Nell is determined to find out who is sending it.',
    language: 'English',
    coverImageUrl: cover('lighthouse-keepers-secret'),
    ageMin: 8,
    ageMax: 12,
    backgroundColor: '#22577A',
    recommended: false,
    difficultyLevel: 7,
    isInteractive: false,
    textContent: prose`
      Nell spent every summer with her great-aunt Mags, who had once been the keeper of the lighthouse on Gull
      Point. The lighthouse was automatic now, but Aunt Mags still lived in the little white cottage at its foot,
      and she still climbed the spiral stairs every evening to watch the sea.

      On Nell's first night, she noticed something odd. At exactly nine o'clock, a tiny light blinked on Puffin
      Island, a rocky speck of land across the bay. Short flashes, long flashes, then darkness. It happened again
      the next night, and the next.

      "Aunt Mags," Nell asked at breakfast, "who lives on Puffin Island?"

      Her aunt stirred her tea. "Seabirds, mostly." But there was a twinkle in her eye that made Nell suspicious.

      Nell decided to investigate. On the cottage bookshelf she found an old book about Morse code, a way of
      sending messages with short and long signals. For three nights she sat by the window with a pencil, writing
      down every blink. Then she matched them to the letters in the book.

      The message was always the same: ALL WELL.

      At nine o'clock the next evening, Nell crept up the spiral stairs. At the top, Aunt Mags stood at the big
      window with a torch. As soon as the island light finished, her aunt flashed back: ALL WELL.

      "Aunt Mags! Who are you talking to?"

      Her aunt laughed. "His name is Tomas. He's the bird warden who counts the puffins. Fifty years ago, when I
      was keeper here, the island had no telephone. We promised to check on each other every night, in case one
      of us needed help. We've never missed a night since."

      "Fifty years?" gasped Nell.

      "A promise is a promise," said Aunt Mags. "And a good friend is worth keeping."

      The next evening, Aunt Mags handed Nell the torch. Carefully, short and long, Nell flashed the message
      across the dark water. A moment later, the island blinked back a new word: NELL.

      Nell laughed out loud. Tomas had been told all about her.
    `,
    categoryNames: ['Mystery & Spooky', 'Adventure & Action'],
    themeNames: ['Trust & Loyalty', 'Friendship & Belonging'],
    questions: [
      {
        question: 'At what time did the light blink on Puffin Island?',
        options: ["Seven o'clock", "Eight o'clock", "Nine o'clock", 'Midnight'],
        correctOption: 2,
      },
      {
        question: 'What is Morse code?',
        options: [
          'A secret language of birds',
          'A way of sending messages with short and long signals',
          'A kind of lighthouse',
          'A treasure map',
        ],
        correctOption: 1,
      },
      {
        question: 'What message came from the island every night?',
        options: ['HELP', 'ALL WELL', 'HELLO', 'GOODNIGHT'],
        correctOption: 1,
      },
      {
        question: 'Who was sending the signals?',
        options: ['A pirate', 'Tomas the bird warden', "Nell's father", 'A ghost'],
        correctOption: 1,
      },
      {
        question: 'How long had Aunt Mags and Tomas been signalling each other?',
        options: ['Five years', 'Ten years', 'Fifty years', 'One summer'],
        correctOption: 2,
      },
    ],
  },
  {
    id: '01946931-4c10-712b-b872-92f669a2c362',
    title: 'Journey to the Cloud Library',
    description:
      'Omar finds a book that is seventy years overdue and climbs a staircase of mist to return it to the library in the sky.',
    language: 'English',
    coverImageUrl: cover('journey-to-the-cloud-library'),
    ageMin: 8,
    ageMax: 12,
    backgroundColor: '#89A7D8',
    recommended: true,
    difficultyLevel: 7,
    isInteractive: true,
    textContent: prose`
      Omar found the book at the bottom of his grandmother's old trunk. It was bound in pale blue leather, soft as
      a cloud, and on the inside cover was a stamp: PROPERTY OF THE CLOUD LIBRARY. DUE BACK: 3 APRIL 1952.

      "Seventy years overdue," Omar whispered. "That's quite a fine."

      Underneath the stamp was a line of handwriting: To return this book, open it on the roof at sunset.

      Omar's curiosity was stronger than his caution. At sunset, he climbed through the skylight onto the flat
      roof of the apartment building and opened the book. The pages fluttered, and a staircase of white mist
      unrolled from them, curving up into the pink sky.

      He climbed. The city shrank below him until the cars looked like beetles. At the top of the stairs stood a
      building made entirely of cloud, with tall windows and a great arched door. Above it, letters of golden
      light spelled CLOUD LIBRARY.

      Inside, bookshelves stretched up forever. Books flew gently from shelf to shelf like birds. At the front
      desk sat a librarian with spectacles perched on a very long nose.

      "Ah," she said, peering at the blue book. "The Book of Lost Things. Borrowed by a girl named Leila."

      "That was my grandmother," said Omar.

      The librarian's face softened. "Every book here holds a piece of the sky. When one isn't returned, a little
      patch of sky goes grey. Somewhere over the ocean, there has been a small cloud that never stopped raining."

      Omar handed the book over. The librarian stamped it: RETURNED. Far away, through a window, Omar saw a grey
      cloud break apart into sunshine.

      "No fine," said the librarian, smiling. "But you may borrow one book, if you promise to bring it back."

      Omar chose a book about the stars. And he returned it exactly on time.
    `,
    categoryNames: ['Fantasy & Magic', 'Adventure & Action'],
    themeNames: ['Fantasy', 'Freedom & Adventure'],
    branches: [
      {
        prompt: 'At the top of the misty staircase, what should Omar do?',
        optionA: 'Knock on the great arched door',
        optionB: 'Climb back down and tell someone',
        nextA: 'Omar meets the librarian at the front desk.',
        nextB: 'The staircase waits patiently until Omar is brave enough to climb again.',
      },
    ],
    questions: [
      {
        question: 'Where did Omar find the blue book?',
        options: [
          'In a library',
          "At the bottom of his grandmother's old trunk",
          'Under his bed',
          'On the roof',
        ],
        correctOption: 1,
      },
      {
        question: 'Where and when did the book have to be opened?',
        options: [
          'In the garden at midnight',
          'On the roof at sunset',
          'In the kitchen at breakfast',
          'At school',
        ],
        correctOption: 1,
      },
      {
        question: 'What happens when a Cloud Library book is not returned?',
        options: [
          'The library closes',
          'A patch of sky goes grey',
          'The book disappears',
          'The librarian shouts',
        ],
        correctOption: 1,
      },
      {
        question: 'Who had borrowed the book?',
        options: ["Omar's mother", "Omar's grandmother Leila", 'The librarian', "Omar's teacher"],
        correctOption: 1,
      },
      {
        question: 'Which book did Omar borrow?',
        options: [
          'A book about the ocean',
          'A book about the stars',
          'The Book of Lost Things',
          'A book about dragons',
        ],
        correctOption: 1,
      },
    ],
  },
  {
    id: '01946931-4ff8-744c-8add-e6878c36c253',
    title: 'The Broken Compass',
    description:
      "Ben breaks his best friend's treasured compass on a camping trip, and then the fog rolls in.",
    language: 'English',
    coverImageUrl: cover('the-broken-compass'),
    ageMin: 9,
    ageMax: 12,
    backgroundColor: '#8C6D46',
    recommended: false,
    difficultyLevel: 8,
    isInteractive: false,
    textContent: prose`
      Arlo's most treasured possession was a brass compass that had belonged to his grandfather, a sailor who had
      crossed every ocean. So when his best friend Ben asked to borrow it for the school camping trip, Arlo
      hesitated before he said yes.

      On the first evening, Ben was showing off the compass to the others when it slipped from his fingers and
      cracked against a rock. The glass split, and the needle stopped moving. Ben's stomach dropped. He stuffed
      the compass deep in his backpack and said nothing.

      The next morning, the group set off on a hike to Eagle Lake with their teacher, Ms Adeyemi. Halfway there,
      a thick fog rolled down the valley. Within minutes they couldn't see the trail markers. Ms Adeyemi called a
      halt. "Arlo, you brought your grandfather's compass, didn't you?"

      Arlo turned to Ben. Everyone turned to Ben.

      Ben's face went hot. He could make up a story. He could say he had lost it. Instead, he pulled out the
      broken compass. "I dropped it last night," he said quietly. "I'm sorry, Arlo. I should have told you
      straight away."

      Arlo stared at the cracked glass. For a moment he felt like shouting. Then he remembered something his
      grandfather had taught him. "We don't need a compass to find north," he said. "Not if we can find the
      sun."

      The fog was thinning above them, and a pale disc of sunlight glowed through it. "It's morning, so the sun
      is in the east," Arlo explained. "The lake is north of us. If we keep the sun on our right, we're heading
      north."

      Ben stood beside him. "Then let's keep the sun on our right."

      Together they led the group, carefully, until the fog lifted and Eagle Lake sparkled ahead.

      That night by the campfire, Ben handed Arlo an envelope with all his savings to repair the compass. Arlo
      gave half of it back. "Fix it together?" he said.

      Ben nodded. Some things, he learned, could be repaired, as long as you were honest about breaking them.
    `,
    categoryNames: ['Adventure & Action', 'Friendship & Feelings'],
    themeNames: ['Trust & Loyalty', 'Betrayal & Redemption'],
    questions: [
      {
        question: 'Who had the compass belonged to?',
        options: ["Arlo's father", "Arlo's grandfather", 'Ms Adeyemi', "Ben's uncle"],
        correctOption: 1,
      },
      {
        question: 'What happened to the compass?',
        options: [
          'It was lost in the lake',
          'It cracked against a rock',
          'It was stolen',
          'Its battery ran out',
        ],
        correctOption: 1,
      },
      {
        question: 'Where was the group hiking to?',
        options: ['Eagle Lake', 'Bear Mountain', 'Pine Valley', 'Crystal River'],
        correctOption: 0,
      },
      {
        question: 'How did Arlo find north without the compass?',
        options: [
          'By the stars',
          'By keeping the morning sun on their right',
          'By asking a ranger',
          'By following a river',
        ],
        correctOption: 1,
      },
      {
        question: 'What did Ben do by the campfire?',
        options: [
          'Blamed someone else',
          'Gave Arlo his savings to repair the compass',
          'Bought a new compass',
          'Went to bed early',
        ],
        correctOption: 1,
      },
    ],
  },
  {
    id: '01946931-53e0-7ef5-97d1-b7a177213dd9',
    title: 'Mars Base Morning',
    description:
      'Eleven-year-old Kira was born on Mars, and today she takes her very first walk outside the base.',
    language: 'English',
    coverImageUrl: cover('mars-base-morning'),
    ageMin: 9,
    ageMax: 12,
    backgroundColor: '#B5523B',
    recommended: true,
    difficultyLevel: 8,
    isInteractive: false,
    textContent: prose`
      Kira was eleven years old, and she had never seen an ocean, a forest or a rainy day. She had been born on
      Ares Base, the first family settlement on Mars.

      Every morning began the same way. The lights in her room brightened slowly, like a sunrise. Through the
      thick round window, she could see red rocks and rust-coloured dust stretching to the horizon. Mars is red,
      her teacher had explained, because its soil is full of iron that has rusted.

      But this morning was different. Today was Kira's first EVA, which stands for extravehicular activity: a
      real walk outside with her mother, the base engineer.

      Kira wriggled into her spacesuit. The air outside was far too thin to breathe, and most of it was carbon
      dioxide, so the suit carried its own oxygen. She checked her seals twice, exactly as she had practised.

      The airlock hissed open. Kira stepped onto Mars.

      She bounced. Mars has only about a third of Earth's gravity, so every step felt like a jump. She laughed
      inside her helmet. Above her, the sky was a pale butterscotch colour, and she could just make out Phobos,
      one of Mars's two tiny moons.

      Their job was to clean the solar panels that made the base's electricity. Dust settled on them all the
      time. Kira brushed panel after panel until they gleamed.

      Then her mother's voice crackled over the radio. "Dust storm coming from the west. We have twenty minutes.
      Let's finish the last row and go in."

      Kira's heart raced, but she kept working steadily, just as she had been trained. They finished with five
      minutes to spare and bounced back through the airlock as the sky turned brown.

      That evening, Kira wrote in her journal: First EVA. Cleaned twenty-four solar panels. Saw Phobos. Was scared
      for a minute, but I did my job.

      Her mother read it and smiled. "That," she said, "is what being brave looks like."
    `,
    categoryNames: ['Science & Discovery', 'Adventure & Action'],
    themeNames: ['Sci-Fi', 'Coming of Age'],
    questions: [
      {
        question: 'Why is Mars red?',
        options: [
          'It is very hot',
          'Its soil is full of rusted iron',
          'It reflects the Sun',
          'It is covered in red paint',
        ],
        correctOption: 1,
      },
      {
        question: 'What does EVA stand for?',
        options: [
          'Extra vacation adventure',
          'Extravehicular activity',
          'Emergency vehicle alarm',
          'Everyday video activity',
        ],
        correctOption: 1,
      },
      {
        question: 'Why did every step feel like a jump?',
        options: [
          'Kira wore springy boots',
          "Mars has only about a third of Earth's gravity",
          'She was very excited',
          'The ground was soft',
        ],
        correctOption: 1,
      },
      {
        question: 'Which moon did Kira see?',
        options: ['Deimos', 'Phobos', 'Titan', 'Europa'],
        correctOption: 1,
      },
      {
        question: 'Why did Kira and her mother hurry to finish?',
        options: [
          'It was lunchtime',
          'A dust storm was coming',
          'Their oxygen ran out',
          'It was getting dark',
        ],
        correctOption: 1,
      },
    ],
  },
  {
    id: '01946931-57c8-7f37-a868-9f6d7728ebcb',
    title: 'The Apology Letter',
    description:
      "Priya tells her best friend's secret to impress the new girls, and has to find the right words to make it right.",
    language: 'English',
    coverImageUrl: cover('the-apology-letter'),
    ageMin: 9,
    ageMax: 12,
    backgroundColor: '#D98E73',
    recommended: false,
    difficultyLevel: 8,
    isInteractive: false,
    textContent: prose`
      Priya and Jess had been best friends since they were five. They had matching bracelets, a secret handshake
      and a notebook full of stories they had written together.

      Then, in Year Six, a new group of girls started sitting with Priya at lunch. They were confident and funny,
      and Priya badly wanted them to like her. One day, as they laughed about bedtime toys being for babies,
      Priya blurted out, "Jess still sleeps with a stuffed rabbit called Mr Buttons!"

      The girls shrieked with laughter. And Jess, who was walking up behind them with her lunch tray, heard every
      word.

      Jess didn't say anything. She just turned and walked away. For the next three days, she sat at the other
      end of the classroom and didn't look at Priya once.

      Priya felt terrible. She tried saying sorry in the corridor, but it came out as a mumble, and Jess walked
      straight past. At home, Priya sat on her bed and stared at their old story notebook.

      Her dad knocked and sat down beside her. "Sometimes," he said gently, "the right words need time. Why not
      write them down?"

      So Priya wrote a letter. She didn't make excuses. She wrote: I told your secret because I wanted those
      girls to think I was cool. That was wrong, and it was unkind. You have always kept my secrets. I broke your
      trust, and I'm really sorry. I miss you. I understand if you need time.

      She slipped the letter inside their story notebook and left it on Jess's desk.

      The next day, the notebook came back. Under Priya's letter, in Jess's neat handwriting, were the words:
      Thank you for being honest. It still hurts. But I miss you too.

      It took a while for things to feel normal again. Priya worked hard to show Jess she could be trusted. And
      slowly, page by page, they started writing a new story together: a tale about a brave rabbit called Mr
      Buttons.
    `,
    categoryNames: ['Friendship & Feelings', 'Values & Life Lessons'],
    themeNames: ['Healing & Forgiveness', 'Betrayal & Redemption'],
    questions: [
      {
        question: 'How long had Priya and Jess been best friends?',
        options: ['Since they were five', 'Since last year', 'Since Year Six', 'Since last summer'],
        correctOption: 0,
      },
      {
        question: 'What secret did Priya tell?',
        options: [
          'Jess was afraid of the dark',
          'Jess still sleeps with a stuffed rabbit',
          'Jess had failed a test',
          'Jess could not swim',
        ],
        correctOption: 1,
      },
      {
        question: 'Why did Priya tell the secret?',
        options: [
          'She was angry with Jess',
          'She wanted the new girls to like her',
          'She forgot it was a secret',
          'Jess asked her to',
        ],
        correctOption: 1,
      },
      {
        question: 'Who suggested writing a letter?',
        options: ['Jess', "Priya's teacher", "Priya's dad", 'The new girls'],
        correctOption: 2,
      },
      {
        question: 'Where did Priya put the letter?',
        options: ["In Jess's bag", 'Inside their story notebook', 'In the post box', 'Under the front door'],
        correctOption: 1,
      },
    ],
  },
  {
    id: '01946931-5bb0-76b3-9d8b-90e9baf733bd',
    title: 'The Coding Club Championship',
    description:
      'Quiet Sami joins the coding club, and when the team robot spins in circles, his careful thinking saves the day.',
    language: 'English',
    coverImageUrl: cover('coding-club-championship'),
    ageMin: 10,
    ageMax: 12,
    backgroundColor: '#2E4057',
    recommended: false,
    difficultyLevel: 9,
    isInteractive: false,
    textContent: prose`
      Sami was the quietest kid in Year Seven. He rarely put his hand up, and when he did, his voice came out
      like a whisper. But when Mr Brennan announced a new after-school coding club, Sami signed up before he
      could talk himself out of it.

      The club had one goal: to build and program a small robot that could find its way through a maze at the
      regional championship. Sami was put in a team with Grace, who loved building things, and Dev, who loved
      talking about everything.

      Grace built the robot from a kit, with two wheels and a distance sensor at the front. Dev designed their
      strategy. Sami wrote the code.

      "An algorithm is just a list of steps," Mr Brennan reminded them. "Computers follow them exactly, so the
      steps have to be exactly right."

      Sami's algorithm was simple: move forward; if there's a wall ahead, turn right; if there's a wall on the
      right too, turn left; repeat until you reach the exit. He used a loop so the robot would keep repeating
      the steps.

      At the first practice run, the robot rolled forward, reached a corner and spun in circles. Dev groaned.
      Grace covered her eyes.

      Sami didn't panic. He read through his code line by line, imagining he was the robot. Programmers call this
      debugging: finding and fixing mistakes. There it was. After turning left, the robot forgot to check the
      wall again, so it kept undoing its own turns.

      Sami fixed one line. The robot glided through the practice maze in forty seconds.

      At the championship, the hall was packed. When their turn came, Sami's hands shook, but he pressed start.
      The robot zipped, turned, paused, turned again and rolled through the exit. Second place out of twenty
      teams!

      On the bus home, Dev said, "Sami, you saved us." Grace nodded.

      Sami smiled, and for once, he answered in a loud, clear voice. "We did it together."
    `,
    categoryNames: ['Educational', 'Science & Discovery'],
    themeNames: ['Identity & Self-Discovery', 'Friendship & Belonging'],
    questions: [
      {
        question: 'Who built the robot from a kit?',
        options: ['Sami', 'Dev', 'Grace', 'Mr Brennan'],
        correctOption: 2,
      },
      {
        question: 'According to Mr Brennan, what is an algorithm?',
        options: ['A kind of robot', 'A list of steps', 'A computer screen', 'A type of maze'],
        correctOption: 1,
      },
      {
        question: 'What went wrong in the first practice run?',
        options: [
          'The battery ran out',
          'The robot spun in circles',
          'The robot fell over',
          'The sensor broke',
        ],
        correctOption: 1,
      },
      {
        question: 'What is debugging?',
        options: ['Building a robot', 'Finding and fixing mistakes', 'Catching insects', 'Drawing a maze'],
        correctOption: 1,
      },
      {
        question: 'Where did the team finish at the championship?',
        options: ['First place', 'Second place', 'Third place', 'Last place'],
        correctOption: 1,
      },
    ],
  },
  {
    id: '01946931-5f98-74cd-9077-971a34fc8ad3',
    title: 'Echo and the Whale Song',
    description:
      "On her aunt's research boat, Inés listens to humpback whales and makes a real discovery about their songs.",
    language: 'English',
    coverImageUrl: cover('echo-and-the-whale-song'),
    ageMin: 10,
    ageMax: 12,
    backgroundColor: '#1D3557',
    recommended: false,
    difficultyLevel: 9,
    isInteractive: false,
    textContent: prose`
      Inés had spent the whole summer on her aunt's research boat, the Sea Lark, and she had fallen in love with
      one sound: the song of the humpback whale.

      Her aunt, Dr Lucía Ortega, was a marine biologist who studied whales. Every morning, they lowered a
      hydrophone, an underwater microphone, over the side of the boat. Through a pair of big headphones, Inés
      heard the ocean come alive: the crackle of shrimp, the hum of a distant ship and then, rising from the
      deep, long moans and squeaks that sounded almost like music.

      "Male humpbacks sing," Aunt Lucía explained. "Their songs are made of patterns that repeat, like verses.
      Whales in the same area sing the same song, and it slowly changes over time. Nobody knows exactly why."

      The scientists identified each whale by the underside of its tail, called the fluke. The black and white
      patterns were as unique as fingerprints. One young whale had a small white mark shaped like a crescent
      moon. Inés named him Echo.

      For weeks, they recorded Echo's song. Then one day, Inés noticed something. "His song is different," she
      said, frowning. "There's a new part at the end. Two quick rising whoops."

      Aunt Lucía listened carefully. Then she pulled up recordings sent by scientists in another ocean,
      thousands of kilometres away. She played one. There they were: two quick rising whoops.

      "Echo must have learned it from whales that travelled from far away," said Aunt Lucía, her eyes shining.
      "Songs can spread between whale groups like a popular tune. You've just caught one in the act."

      Inés's discovery went into her aunt's research report, with her name listed as an assistant. On her last
      evening aboard, she stood at the railing as the sun set. Far out, a dark tail rose from the waves, marked
      with a white crescent moon.

      "Goodbye, Echo," she whispered. "Keep singing."
    `,
    categoryNames: ['Nature & Ocean', 'Science & Discovery'],
    themeNames: ['Hope & Perseverance', 'Emotional'],
    questions: [
      {
        question: 'What is a hydrophone?',
        options: ['A waterproof phone', 'An underwater microphone', 'A type of boat', "A whale's tail"],
        correctOption: 1,
      },
      {
        question: 'Which humpback whales sing?',
        options: ['Only the females', 'Only the babies', 'The males', 'None of them'],
        correctOption: 2,
      },
      {
        question: 'How did the scientists tell whales apart?',
        options: [
          'By their size',
          'By the patterns under their tail flukes',
          'By their colour',
          'By their voices',
        ],
        correctOption: 1,
      },
      {
        question: "What new part did Inés hear in Echo's song?",
        options: ['A long low moan', 'Two quick rising whoops', 'A sharp click', 'A long silence'],
        correctOption: 1,
      },
      {
        question: 'Where did the new part of the song come from?',
        options: ['Echo made it up', 'Whales from far away', 'A passing ship', "Inés's headphones"],
        correctOption: 1,
      },
    ],
  },
  {
    id: '01946931-6380-7b3d-9dd6-4bca2b9aaed7',
    title: "The Clockmaker's Apprentice",
    description:
      "When the great tower clock stops on a winter night, young Tobias must fix it alone and finally learn his master's lesson.",
    language: 'English',
    coverImageUrl: cover('clockmakers-apprentice'),
    ageMin: 10,
    ageMax: 12,
    backgroundColor: '#3E2C1C',
    recommended: false,
    difficultyLevel: 10,
    isInteractive: false,
    textContent: prose`
      In the hill town of Verrin, every clock took its time from the great clock in the tower above the market
      square. And the great clock was wound, oiled and cared for by one person: the old clockmaker, Master
      Greaves.

      Tobias had been his apprentice for two years. He swept the workshop, sorted tiny screws into tins and
      polished brass gears until they glowed. What he wanted most was to be trusted with the great clock itself.
      But Master Greaves always said, "Not yet. First, learn to listen."

      Tobias did not understand. Clocks were for looking at, not listening to.

      Then, one bitter winter evening, Master Greaves fell ill with a fever, and a messenger burst into the
      workshop. "The tower clock has stopped!"

      The old man could barely lift his head. "You must go," he whispered. "And remember: listen."

      Tobias climbed the 212 steps of the tower with a lantern and his master's leather tool roll. Inside the
      clock, the enormous gears were still and silent.

      He checked the weights. They hung properly. He checked the pendulum. It swung when pushed, but soon slowed
      and stopped. Instead of pulling everything apart, Tobias made himself stop. He closed his eyes, gave the pendulum a gentle push and listened.

      Tick... tock... tick... scrrrch.

      There. A grinding whisper, high up in the escapement, the small part that lets the gears turn one tooth at
      a time. Tobias climbed the ladder and found it: a sliver of ice, formed where the freezing night had crept
      through a crack in the tower window. He melted it with the warmth of his lantern, dried the metal, oiled
      it with care and stuffed his scarf into the crack.

      He pushed the pendulum once more. Tick. Tock. Tick. Tock. Across the square, the great
      bells rang out nine o'clock.

      When Tobias returned, Master Greaves was sitting up, sipping broth. "Well," he said with a tired smile, "it
      seems you have learned to listen."

      The next morning, a second key hung on the workshop hook: the key to the tower, with Tobias's name tied to
      it.
    `,
    categoryNames: ['Fantasy & Magic', 'Fairytales & Folktales'],
    themeNames: ['Coming of Age', 'Hope & Perseverance'],
    seasonNames: ['Winter'],
    questions: [
      {
        question: 'What did Master Greaves always tell Tobias to learn first?',
        options: ['To read', 'To listen', 'To paint', 'To be quick'],
        correctOption: 1,
      },
      {
        question: 'How many steps did Tobias climb to reach the clock?',
        options: ['100', '150', '212', '300'],
        correctOption: 2,
      },
      {
        question: 'What had stopped the clock?',
        options: ['A broken spring', 'A sliver of ice', "A bird's nest", 'A missing gear'],
        correctOption: 1,
      },
      {
        question: 'What did Tobias stuff into the crack in the window?',
        options: ['Paper', 'His scarf', 'A rag', 'Straw'],
        correctOption: 1,
      },
      {
        question: 'What did Tobias receive the next morning?',
        options: ['A gold coin', 'A new lantern', 'The key to the tower', 'A clock of his own'],
        correctOption: 2,
      },
    ],
  },
  {
    id: '01946931-6768-7ad8-8b58-b02da5a6342e',
    title: 'The Girl Who Planted a Mountain',
    description:
      'Everyone laughs when Lin plants twelve trees on a bare grey mountain, but she keeps planting, year after year.',
    language: 'English',
    coverImageUrl: cover('girl-who-planted-a-mountain'),
    ageMin: 10,
    ageMax: 12,
    backgroundColor: '#3A7D44',
    recommended: false,
    difficultyLevel: 10,
    isInteractive: false,
    textContent: prose`
      Above the village of Dara stood a bare grey mountain. Once, the old people said, it had been covered with
      forest. But long ago the trees had been cut down for firewood and timber, and without their roots to hold
      it, the soil had washed away. When rain came, it rushed straight down the bare slopes and flooded the
      village. When rain didn't come, the wells ran dry.

      When Lin was ten, she asked her grandmother, "Can a mountain change back?"

      "Only if someone is patient enough," said Grandmother.

      So that spring, Lin climbed the mountain with a spade, a bucket of water and twelve pine seedlings. She dug
      twelve holes among the rocks, planted the seedlings and watered each one. Some of the village boys laughed.
      "Twelve trees? You'd need a million!"

      "Then I'll need a lot of springs," Lin replied.

      Half of her seedlings died that summer. Lin planted again. The next year, her cousin came to help. The year
      after that, three of her friends joined. They learned to plant in spots sheltered from the wind and to
      build little stone walls that caught the rainwater.

      Year after year, they planted. The trees grew slowly: first knee-high, then taller than a person. Their
      roots gripped the soil. Fallen needles made new earth. Grass returned, then flowers, then birds.

      When Lin was a grown woman, she stood in the village square and looked up. The mountain was green almost
      to its peak. Now, when rain fell, the forest drank it slowly, and a clear stream trickled down all year.
      The floods had stopped. The wells were full.

      A small boy tugged her sleeve. "Did you really change the mountain?"

      Lin laughed. "I helped it remember what it used to be. And I didn't do it alone." She handed him a
      seedling. "Would you like to plant the next one?"
    `,
    categoryNames: ['Nature & Ocean', 'Values & Life Lessons'],
    themeNames: ['Hope & Perseverance', 'Change & Transformation'],
    questions: [
      {
        question: 'Why was the mountain bare?',
        options: [
          'A fire had burned it',
          'The trees had been cut down and the soil washed away',
          'It was too cold for trees',
          'Goats had eaten everything',
        ],
        correctOption: 1,
      },
      {
        question: 'How many seedlings did Lin plant the first time?',
        options: ['Five', 'Ten', 'Twelve', 'A hundred'],
        correctOption: 2,
      },
      {
        question: 'What did Lin and her friends build to catch rainwater?',
        options: ['Little stone walls', 'Buckets', 'Ponds', 'Pipes'],
        correctOption: 0,
      },
      {
        question: 'What happened to the village when the forest grew back?',
        options: [
          'It flooded more often',
          'The floods stopped and the wells were full',
          'Everyone moved away',
          'It became a big city',
        ],
        correctOption: 1,
      },
      {
        question: 'What did Lin give the small boy?',
        options: ['A spade', 'A seedling', 'A pine cone', 'A bucket'],
        correctOption: 1,
      },
    ],
  },
  {
    id: '01946931-6b50-757f-8dbf-1daa2485390d',
    title: 'Counting Sheep on Sunny Farm',
    description:
      'It is bedtime on Sunny Farm, and Farmer Jo needs your help to count her five sheep into the barn.',
    language: 'English',
    coverImageUrl: cover('counting-sheep-sunny-farm'),
    ageMin: 1,
    ageMax: 3,
    backgroundColor: '#9ACD32',
    recommended: false,
    difficultyLevel: 1,
    isInteractive: false,
    textContent: prose`
      Farmer Jo lives on Sunny Farm, on a green, green hill. The sun is going down. It is time for her sheep to
      go to bed in the barn. But first, Farmer Jo must count them. Will you help her?

      Here is sheep number one. She is big and fluffy and white. Baa! One sheep in the barn.

      Here is sheep number two. He has a black face and black feet. Baa! Two sheep in the barn.

      Here is sheep number three. She has a little pink bow on her ear. Baa! Three sheep in the barn.

      Here is sheep number four. He is very, very woolly, like a cloud with legs. Baa! Four sheep in the barn.

      Farmer Jo counts again. One, two, three, four. "Oh no," she says. "I have five sheep. Where is number
      five?"

      She looks by the pond. Only ducks. Quack, quack. She looks by the big tree. Only a sleepy owl. Hoot, hoot.
      She looks by the haystack. And what does she hear? A tiny sound. Baa!

      It is sheep number five! He is the littlest lamb, and he is hiding in the hay, playing peekaboo.

      "There you are!" laughs Farmer Jo. She carries the little lamb to the barn.

      Now let's count them all together. One, two, three, four, five! Five sheep in the barn, all safe and warm.

      Farmer Jo closes the big barn door. "Goodnight, sheep," she says. And five sleepy sheep say, "Baa."

      Goodnight!
    `,
    categoryNames: ['Educational', 'Animal Stories', 'Bedtime Stories'],
    themeNames: ['Love & Family'],
    questions: [
      {
        question: 'How many sheep does Farmer Jo have?',
        options: ['Three', 'Four', 'Five', 'Six'],
        correctOption: 2,
      },
      {
        question: 'What does sheep number three have on her ear?',
        options: ['A bell', 'A pink bow', 'A flower', 'A hat'],
        correctOption: 1,
      },
      {
        question: 'Where was the littlest lamb hiding?',
        options: ['By the pond', 'In the hay', 'Up a tree', 'In the house'],
        correctOption: 1,
      },
      {
        question: 'Who did Farmer Jo find by the big tree?',
        options: ['A cat', 'A sleepy owl', 'A horse', 'A dog'],
        correctOption: 1,
      },
    ],
  },
];
