using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using AdeTokens.Graph;

namespace AdeTokens.Completion
{
    /// <summary>Completes -Name with the names of the connected tenant's ADE tokens.</summary>
    public sealed class AdeTokenNameCompleter : AdeCompleterBase
    {
        private protected override IEnumerable<CompletionResult> Complete(string word, IDictionary fakeBoundParameters)
            => Names(CompletionCache.Tokens(), word);
    }
}
