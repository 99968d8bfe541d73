using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;

namespace AdeTokens.Completion
{
    /// <summary>Completes -Id and -TokenId with the ids of the connected tenant's ADE tokens; the names show beside them.</summary>
    public sealed class AdeTokenIdCompleter : AdeCompleterBase
    {
        private protected override IEnumerable<CompletionResult> Complete(string word, IDictionary fakeBoundParameters)
            => Ids(CompletionCache.Tokens(), word);
    }
}
