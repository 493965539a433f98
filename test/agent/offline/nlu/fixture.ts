// A small made-up corpus for the classifier's own tests (never the real one, which changes as
// writers add to it): four intents with distinctive words, so a correct trainer must get them right.
import { buildCorpus, type Corpus } from '../../../../src/agent/offline/nlu/node.js';

export const FIXTURE_FILES: Record<string, string> = {
  greeting: `# openers
hi
hello
hello there
hey
hey there
hi there
good morning
good afternoon
morning!
hiya`,
  order_status: `where is my order
where is my order 28473
has my order shipped yet
track my order please
tracking for order 31002
my parcel has not arrived
when will my order arrive
order status please
is my order on its way
where is my parcel`,
  refund_status: `where is my refund
has my refund been processed
when will i get my refund
refund status please
i sent the return, where is my money
still waiting for my refund
did you refund me yet
is my refund on its way
refund for order 28473
my refund has not arrived`,
  search: `show me red dresses
do you have black boots
looking for a winter coat
any dresses under $100
i want blue jeans
find me a linen shirt
show me sneakers in size 39
do you sell scarves
green dresses please
cheap jackets`,
};

export const fixtureCorpus = (): Corpus => buildCorpus(FIXTURE_FILES, ['greeting', 'search', 'order_status', 'refund_status']);
export const FIXTURE_HASH = 'f'.repeat(64);
