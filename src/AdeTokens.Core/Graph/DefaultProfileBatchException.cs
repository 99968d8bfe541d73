using System;
using System.Collections.Generic;

namespace AdeTokens.Graph
{
    /// <summary>Some default-profile reads in a batch failed for good; the others are in <see cref="Partial"/>.</summary>
    public sealed class DefaultProfileBatchException : Exception
    {
        /// <summary>Creates it.</summary>
        public DefaultProfileBatchException(IReadOnlyDictionary<string, AdeGraphException> failures, IReadOnlyDictionary<(string TokenId, string Platform), string?> partial)
            : base($"{failures.Count} default-profile read(s) failed.")
        {
            Failures = failures;
            Partial = partial;
        }

        /// <summary>The failure per token id.</summary>
        public IReadOnlyDictionary<string, AdeGraphException> Failures { get; }
        /// <summary>What was read.</summary>
        public IReadOnlyDictionary<(string TokenId, string Platform), string?> Partial { get; }
    }
}
