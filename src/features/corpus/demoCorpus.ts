/** The bundled demo corpus (public/demo-corpus): 26 math web pages with their url and license kept per record. */
export const DEMO_CORPUS = {
  name: 'Demo corpus (26 math web pages)',
  url: `${import.meta.env.BASE_URL}demo-corpus/owm-demo.jsonl`,
  attribution:
    'Math web text from math.stackexchange.com, mathoverflow.net, physics.stackexchange.com, stats.stackexchange.com ' +
    '(Stack Exchange user content, CC BY-SA), cp-algorithms.com and statproofbook.github.io (CC BY-SA 4.0), ' +
    'in the OpenWebMath record shape; not OpenWebMath itself. Each document keeps its url and license in metadata.',
};
