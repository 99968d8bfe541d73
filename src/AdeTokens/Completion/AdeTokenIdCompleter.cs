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
    /// <summary>Completes -Id and -TokenId with the ids of the connected tenant's ADE tokens; the names show beside them.</summary>
    public sealed class AdeTokenIdCompleter : AdeCompleterBase
    {
        private protected override IEnumerable<CompletionResult> Complete(string word, IDictionary fakeBoundParameters)
            => Ids(CompletionCache.Tokens(), word);
    }
}
