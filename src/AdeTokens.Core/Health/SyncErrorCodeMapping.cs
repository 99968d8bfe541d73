
namespace AdeTokens.Health
{
    /// <summary>A lastSyncErrorCode value whose meaning we have some evidence for.</summary>
    public sealed class SyncErrorCodeMapping
    {
        internal SyncErrorCodeMapping(int code, SyncErrorEntry? error, SyncErrorEvidence evidence, string note, SyncErrorSource source)
        {
            Code = code; Error = error; Evidence = evidence; Note = note; Source = source;
        }

        /// <summary>The integer Graph reports.</summary>
        public int Code { get; }
        /// <summary>The error it stands for; null for "no error".</summary>
        public SyncErrorEntry? Error { get; }
        /// <summary>How sure the mapping is.</summary>
        public SyncErrorEvidence Evidence { get; }
        /// <summary>The evidence in words, suitable for HealthFinding.Evidence.</summary>
        public string Note { get; }
        /// <summary>Where the mapping comes from.</summary>
        public SyncErrorSource Source { get; }
    }
}
