/** `user_1,0.8` lines → scores, with a readable error per bad line. */
export function parseScores(text: string) {
  const scores: { distinctId: string; churnProb: number }[] = [];
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith("#")) return;
    const [id, prob, ...rest] = line.split(",").map((p) => p.trim());
    const churnProb = Number(prob);
    if (
      !id ||
      prob === undefined ||
      rest.length > 0 ||
      !Number.isFinite(churnProb) ||
      churnProb < 0 ||
      churnProb > 1
    ) {
      errors.push(`line ${i + 1}: expected “id,probability” with a probability from 0 to 1`);
    } else {
      scores.push({ distinctId: id, churnProb });
    }
  });
  return { scores, errors };
}
