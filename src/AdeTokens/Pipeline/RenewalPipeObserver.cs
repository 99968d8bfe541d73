using System;
using System.Management.Automation;
using AdeTokens.Graph;
using AdeTokens.Renewal;
using AdeTokens.Sync;

namespace AdeTokens
{
    // Start-AdeTokenRenewal's window on the Core workflow: each call is posted to the pipeline thread.
    internal sealed class RenewalPipeObserver
    {
        public const int FileProgressId = 1;
        public const int SyncProgressId = 2;
        public const string FileActivity = "Waiting for the server token from Apple Business Manager";

        private readonly string _tokenPath;

        public RenewalPipeObserver(string tokenPath) => _tokenPath = tokenPath;

        public IRenewalObserver On(AsyncPipe pipe) => new Posting(pipe, _tokenPath);

        private sealed class Posting : IRenewalObserver
        {
            private readonly AsyncPipe _pipe;
            private readonly string _tokenPath;

            public Posting(AsyncPipe pipe, string tokenPath)
            {
                _pipe = pipe;
                _tokenPath = tokenPath;
            }

            public void Warning(string text) => _pipe.WriteWarning(text);

            public void Verbose(string text) => _pipe.WriteVerbose(text);

            public void Failed(AdeException error, object target) => _pipe.WriteError(ErrorRecords.FromOr(error, target));

            public void SyncRefused(AdeGraphException error, string tokenId, string label, SyncGate gate) => _pipe.WriteError(Records.SyncRequestFailed(error, tokenId, label, gate));

            public void FileProgress(TimeSpan elapsed, TimeSpan timeout)
                => _pipe.WriteProgress(new ProgressRecord(FileProgressId, FileActivity, $"Save the .p7m as {_tokenPath} ({ManualSyncRule.Describe(elapsed)} of {ManualSyncRule.Describe(timeout)})")
                {
                    PercentComplete = (int)Math.Min(100, elapsed.TotalMilliseconds * 100 / timeout.TotalMilliseconds),
                    SecondsRemaining = (int)Math.Max(0, (timeout - elapsed).TotalSeconds),
                });

            public void SyncProgress(SyncWaitProgress progress) => _pipe.WriteProgress(Records.SyncProgress(progress, SyncProgressId));

            public void SyncDone(string label)
                => _pipe.WriteProgress(new ProgressRecord(SyncProgressId, $"Waiting for the sync of {label}", "Done") { RecordType = ProgressRecordType.Completed });
        }
    }
}
