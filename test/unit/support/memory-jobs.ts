import type { SupplyJob } from '../../../cloudfunctions/core/repos/jobs';

/** Supply checkpoints by batch; a saved job is stored as a copy, as the database would. */
export class MemoryJobs {
  readonly jobs = new Map<string, SupplyJob>();
  saves = 0;

  jobOf = async (batchId: string): Promise<SupplyJob | undefined> => {
    const job = this.jobs.get(batchId);
    return job && structuredClone(job);
  };

  saveJob = async (job: SupplyJob): Promise<void> => {
    this.saves++;
    this.jobs.set(job.batchId, structuredClone(job));
  };
}
