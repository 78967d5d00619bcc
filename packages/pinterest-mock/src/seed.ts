import type { MockBoardSeed, MockPinSeed, MockUser } from './types.js';

const BOARD_TOPICS = [
  'Summer recipes',
  'Living room ideas',
  'Hiking trails',
  'Watercolor practice',
  'Garden planning',
  'Minimal workspaces',
  'Bread baking',
  'Travel: Japan',
  'Knitting patterns',
  'Book nook',
];

function seedPins(count: number, prefix: string, topic: string): MockPinSeed[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}${String(i + 1).padStart(6, '0')}`,
    title: `${topic} #${i + 1}`,
    description: `Pin ${i + 1} saved to "${topic}".`,
    link: `https://example.com/${topic.toLowerCase().replace(/[^a-z0-9]+/g, '-')}/${i + 1}`,
    altText: `Photo for ${topic} #${i + 1}`,
    dominantColor: `#${((i * 2_654_435) % 0xffffff).toString(16).padStart(6, '0')}`,
    // Newest first, as Pinterest lists them.
    createdAt: new Date(Date.UTC(2024, 1, 1, 12) - i * 60_000).toISOString(),
  }));
}

function seedBoards(count: number, prefix: string, pinPrefix: string, pinsOnFirst: number, pinsEach: number) {
  return Array.from({ length: count }, (_, i): MockBoardSeed => {
    const topic = BOARD_TOPICS[i % BOARD_TOPICS.length] ?? 'Board';
    const name = i < BOARD_TOPICS.length ? topic : `${topic} ${Math.floor(i / BOARD_TOPICS.length) + 1}`;
    return {
      id: `${prefix}${String(i + 1).padStart(6, '0')}`,
      name,
      description: `Ideas collected for ${name.toLowerCase()}.`,
      privacy: 'PUBLIC',
      createdAt: new Date(Date.UTC(2024, 0, 31) - i * 3_600_000).toISOString(),
      pins: seedPins(i === 0 ? pinsOnFirst : pinsEach, `${pinPrefix}${String(i + 1).padStart(3, '0')}`, name),
    };
  });
}

/** Two sections on the first board, each holding two of its Pins. */
function withSections(boards: MockBoardSeed[]): MockBoardSeed[] {
  const [first, ...rest] = boards;
  if (!first) return boards;
  const sections = [
    { id: '5100001000001', name: 'Salads' },
    { id: '5100001000002', name: 'Drinks' },
  ];
  const pins = (first.pins ?? []).map((pin, i): MockPinSeed => {
    const section = i >= 10 && i < 14 ? sections[i < 12 ? 0 : 1] : undefined;
    return section ? { ...pin, sectionId: section.id } : pin;
  });
  return [{ ...first, sections, pins }, ...rest];
}

/**
 * The default accounts: `alice` (60 boards, the first holding 60 Pins and two sections, the others 3 Pins each) and `bob` (3 boards of 2 Pins),
 * enough to paginate at page_size 25. Ids are fixed so tests can name them.
 */
export const SEED_USERS: readonly MockUser[] = Object.freeze([
  {
    id: '1000000000000000001',
    username: 'mock_alice',
    accountType: 'BUSINESS',
    businessName: 'Alice Makes Things',
    about: 'Recipes, rooms and trails (a mock Pinterest account).',
    websiteUrl: 'https://example.com/alice',
    followerCount: 1280,
    followingCount: 310,
    monthlyViews: 45_200,
    // Every board shows Pins (the templates' first screen); the first one also has sections.
    boards: withSections(seedBoards(60, '5000001000', '60001', 60, 3)),
    adAccounts: [{ id: '549755885175', name: 'Alice Makes Things ads', campaignId: '626736533506' }],
  },
  {
    id: '1000000000000000002',
    username: 'mock_bob',
    accountType: 'PINNER',
    about: 'Just pinning (a mock Pinterest account).',
    websiteUrl: '',
    followerCount: 12,
    followingCount: 40,
    monthlyViews: 96,
    boards: seedBoards(3, '5000002000', '60002', 2, 2),
  },
]);
