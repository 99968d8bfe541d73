using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace AdeTokens.Completion
{
    /// <summary>Completes a profile name with the enrollment profiles of the token given by -TokenId on the same command line.</summary>
    public sealed class AdeProfileNameCompleter : AdeCompleterBase
    {
        private protected override IEnumerable<CompletionResult> Complete(string word, IDictionary fakeBoundParameters)
        {
            var tokenId = BoundTokenId(fakeBoundParameters);
            return tokenId is null ? Enumerable.Empty<CompletionResult>() : Names(CompletionCache.Profiles(tokenId), word);
        }
    }
}
