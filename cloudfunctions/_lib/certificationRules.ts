import { type CertificationRules, DEFAULT_RULES, rulesSchema } from '../../contract/certification';

/**
 * This deployment's certification rules: `CERT_RULES` (JSON, checked against the schema)
 * in the function's environment, or the default rolling 12 months. A malformed setting
 * stops the function rather than certifying by the wrong rule.
 */
let cached: CertificationRules | null = null;

export function certificationRules(): CertificationRules {
  cached ??= process.env.CERT_RULES ? rulesSchema.parse(JSON.parse(process.env.CERT_RULES)) : DEFAULT_RULES;
  return cached;
}
