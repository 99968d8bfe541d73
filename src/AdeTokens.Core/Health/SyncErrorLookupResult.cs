using System.Collections.Generic;
using System.Linq;

namespace AdeTokens.Health
{
    /// <summary>What the catalogue knows about one lastSyncErrorCode value.</summary>
    public sealed class SyncErrorLookupResult
    {
        internal SyncErrorLookupResult(int code, SyncErrorCodeMapping? mapping, IReadOnlyList<UnmappedSyncErrorCause> causes)
        {
            Code = code; Mapping = mapping; UnmappedCauses = causes;
        }

        /// <summary>The code looked up.</summary>
        public int Code { get; }
        /// <summary>False only for 0.</summary>
        public bool IsError => Code != 0;
        /// <summary>Whether there is any evidence for what the code means.</summary>
        public bool IsMapped => Mapping != null;
        /// <summary>The mapping, when there is one.</summary>
        public SyncErrorCodeMapping? Mapping { get; }
        /// <summary>The error the code most likely stands for; null when unmapped or no error.</summary>
        public SyncErrorEntry? Error => Mapping?.Error;
        /// <summary>Unmapped when there is no mapping.</summary>
        public SyncErrorEvidence Evidence => Mapping?.Evidence ?? SyncErrorEvidence.Unmapped;
        /// <summary>Every documented cause (for unmapped codes, and as the fallback when a mapping turns out wrong).</summary>
        public IReadOnlyList<UnmappedSyncErrorCause> UnmappedCauses { get; }

        /// <summary>The documented causes, most likely first for a token in <paramref name="state"/>.</summary>
        public IReadOnlyList<UnmappedSyncErrorCause> CausesFor(TokenExpiryState state)
            => UnmappedCauses.Select((c, i) => (c, i)).OrderBy(t => t.c.RankFor(state)).ThenBy(t => t.i).Select(t => t.c).ToArray();
    }
}
