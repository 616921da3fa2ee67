// A business rule said no. Actions turn it into a message at the field it names (or the whole form).
export class RuleViolation extends Error {
  constructor(
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = "RuleViolation";
  }
}
