using System;
using System.Management.Automation;
using AdeTokens.Renewal;

namespace AdeTokens.Commands
{
    [Cmdlet(VerbsData.Update, "AdeToken", DefaultParameterSetName = IdSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(RenewalResult))]
    public sealed class UpdateAdeTokenCommand : AdeTokenCmdletBase
    {
        [Parameter(Mandatory = true, Position = 1)]
        [Alias("Path")]
        [ValidateNotNullOrEmpty]
        public string TokenFile { get; set; } = string.Empty;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? AppleId { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        // How long to keep reading the token for its new expiry after the upload; no doc says how long Intune takes.
        [Parameter]
        [ValidateRange(0, 3600)]
        public int ExpiryWaitSeconds { get; set; } = (int)TokenRenewal.DefaultConfirmTimeout.TotalSeconds;

        private RenewalWorkflow _workflow = null!;

        protected override void BeginWithGraph() => _workflow = new RenewalWorkflow(Service, ConnectedTenantId, TimeSpan.FromSeconds(ExpiryWaitSeconds));

        protected override void ProcessRecord()
        {
            // One upload per token: the same server token sent once per piped device would be pointless.
            if (!NextToken()) return;
            var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(TokenFile);
            try
            {
                var plan = RunAsync((_, ct) => _workflow.PrepareAsync(Id, path, AppleId, Force, ct));
                foreach (var w in plan.Warnings) WriteWarning(w);
                WriteVerbose(plan.RecipientCheck);
                if (!ShouldProcess(plan.TokenLabel, Records.UploadAction(plan))) return;
                WriteObject(RunAsync((_, ct) => _workflow.ApplyAsync(plan, ct)));
            }
            catch (AdeException e)
            {
                WriteError(ErrorRecords.FromOr(e, Id));
            }
        }
    }
}
