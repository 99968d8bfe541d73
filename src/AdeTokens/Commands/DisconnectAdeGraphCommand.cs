using System.Management.Automation;

namespace AdeTokens.Commands
{
    [Cmdlet(VerbsCommunications.Disconnect, "AdeGraph")]
    [OutputType(typeof(GraphContext))]
    public sealed class DisconnectAdeGraphCommand : AdeCmdletBase
    {
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            var old = SessionStore.Set(null);
            if (old is null)
            {
                WriteVerbose("Not connected; nothing to disconnect.");
                return;
            }
            var context = GraphContext.From(old);
            old.Dispose();
            WriteVerbose($"Disconnected from tenant {context.TenantId}.");
            if (PassThru) WriteObject(context);
        }
    }
}
