using System.Management.Automation;

namespace AdeTokens.Commands
{
    [Cmdlet(VerbsCommon.Get, "AdeGraphContext")]
    [OutputType(typeof(GraphContext))]
    public sealed class GetAdeGraphContextCommand : AdeCmdletBase
    {
        protected override void EndProcessing()
        {
            var c = SessionStore.Current;
            if (c != null) WriteObject(GraphContext.From(c));
        }
    }
}
