import { type CertificationRules, DEFAULT_RULES, rulesSchema } from '../../contract/certification';

/**
 * This deployment's certification rules: `CERT_RULES` (JSON, checked against the schema)
 * in the function's environment, or the default rolling 12 months. A malformed setting
 * stops the function rather than certifying by the wrong rule.
 */
let cached: CertificationRules | null = null;

export function certificationRules(env: NodeJS.ProcessEnv = process.env): CertificationRules {
  if (cached && env === process.env) return cached;
  const raw = env.CERT_RULES;
  const rules = raw ? rulesSchema.parse(JSON.parse(raw)) : DEFAULT_RULES;
  if (env === process.env) cached = rules;
  return rules;
}
