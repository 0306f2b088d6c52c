/**
 * argon2id hashes per second with the service's parameters on `parallel` threads, each kept busy, with nothing
 * else running, measured in rounds (see `alternate`) and added up: what those threads can hash, which logins
 * are compared against.
 */
export class Argon2Capacity {
  private hashes = 0;
  private seconds = 0;
  /** CPU of this whole process during the rounds: the workers' hashes and the submitting around them. */
  private cpuMicros = 0;

  constructor(
    readonly parallel: number,
    private readonly hash: (password: string) => Promise<unknown>,
  ) {}

  async round(seconds: number): Promise<void> {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const deadline = started + seconds * 1000;
    // Two submitters per thread keep every worker's next hash queued behind the one it is computing.
    await Promise.all(
      Array.from({ length: this.parallel * 2 }, async (_, lane) => {
        while (performance.now() < deadline) {
          await this.hash(`bench-password-${lane}-${this.hashes}`);
          this.hashes++;
        }
      }),
    );
    this.seconds += (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    this.cpuMicros += cpu.user + cpu.system;
  }

  result() {
    return {
      hashes: this.hashes,
      seconds: this.seconds,
      hashesPerSecond: this.hashes / this.seconds,
      cpuMsPerHash: this.cpuMicros / 1000 / Math.max(this.hashes, 1),
      parallel: this.parallel,
    };
  }
}
