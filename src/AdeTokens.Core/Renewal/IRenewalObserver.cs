using AdeTokens.Graph;
using AdeTokens.Sync;

namespace AdeTokens.Renewal
{
    /// <summary>
    /// What the guided renewal tells the admin while it runs. The cmdlet posts each call to the pipeline thread;
    /// Core never writes to PowerShell itself.
    /// </summary>
    public interface IRenewalObserver
    {
        /// <summary>A warning.</summary>
        void Warning(string text);
        /// <summary>A verbose line.</summary>
        void Verbose(string text);
        /// <summary>A step failed; <paramref name="target"/> is used when the failure names none.</summary>
        void Failed(AdeException error, object target);
        /// <summary>Intune refused the sync request.</summary>
        void SyncRefused(AdeGraphException error, string tokenId, string label, SyncGate gate);
        /// <summary>The server token is still awaited.</summary>
        void FileProgress(System.TimeSpan elapsed, System.TimeSpan timeout);
        /// <summary>The sync is still awaited.</summary>
        void SyncProgress(SyncWaitProgress progress);
        /// <summary>The wait for the sync ended.</summary>
        void SyncDone(string label);
    }
}
