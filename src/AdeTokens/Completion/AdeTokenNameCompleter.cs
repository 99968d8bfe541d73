using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;

namespace AdeTokens.Completion
{
    /// <summary>Completes -Name with the names of the connected tenant's ADE tokens.</summary>
    public sealed class AdeTokenNameCompleter : AdeCompleterBase
    {
        private protected override IEnumerable<CompletionResult> Complete(string word, IDictionary fakeBoundParameters)
            => Names(CompletionCache.Tokens(), word);
    }
}
