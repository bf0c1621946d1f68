import { useEffect, useState } from 'react';
import { openLabDatabase, pendingRewrite } from '../db/databaseUpgrade';

/**
 * After an update whose database upgrade rewrites the stored corpus, the lab's data is unavailable until the
 * upgrade ends (up to a minute for a large corpus): say so while it runs, instead of leaving empty lists unexplained.
 */
export function DatabaseUpgradeNotice() {
  const [upgrading, setUpgrading] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void (async () => {
      if (!(await pendingRewrite())) return;
      if (live) setUpgrading(true);
      try {
        await openLabDatabase();
      } catch (error) {
        if (live) setFailed(error instanceof Error ? error.message : String(error));
      } finally {
        if (live) setUpgrading(false);
      }
    })();
    return () => { live = false; };
  }, []);
  if (failed) return <p role="alert" className="problem upgrade-notice">Upgrading this lab's stored data failed: {failed}</p>;
  if (!upgrading) return null;
  return (
    <p role="status" className="notice upgrade-notice">
      Moving this lab's corpus into its new storage (once, after an update). A large corpus takes up to a minute; the lab is ready when this note goes.
    </p>
  );
}
