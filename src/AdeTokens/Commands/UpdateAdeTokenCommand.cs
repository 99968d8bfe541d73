using System;
using System.Management.Automation;
using AdeTokens.Graph;
using AdeTokens.Remediation;
using AdeTokens.Renewal;

namespace AdeTokens.Commands
{
    [Cmdlet(VerbsData.Update, "AdeToken", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(RenewalResult))]
    public sealed class UpdateAdeTokenCommand : AdeCmdletBase
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("TokenId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.AdeTokenIdCompleter))]
        public string Id { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1)]
        [Alias("Path")]
        [ValidateNotNullOrEmpty]
        public string TokenFile { get; set; } = string.Empty;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? AppleId { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void BeginProcessing()
        {
            UseGraph();
        }

        protected override void ProcessRecord()
        {
            var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(TokenFile);
            var renewal = TokenRenewal.ForGraph(Service!);

            RenewalPlan plan;
            try
            {
                plan = RunAsync((_, ct) => renewal.PrepareAsync(Id, path, AppleId, Force, ct));
            }
            catch (Exception e) when (RemediationErrors.IsRenewalFailure(e))
            {
                WriteError(RemediationErrors.ForRenewal(e, Id));
                return;
            }

            foreach (var w in plan.Warnings) WriteWarning(w);
            WriteVerbose(plan.RecipientCheck);
            if (!ShouldProcess(plan.TokenLabel, RemediationErrors.UploadAction(plan))) return;

            try
            {
                WriteObject(RunAsync((_, ct) => renewal.ApplyAsync(plan, ConnectedTenantId, ct)));
            }
            catch (Exception e) when (RemediationErrors.IsRenewalFailure(e))
            {
                WriteError(RemediationErrors.ForRenewal(e, Id));
            }
        }
    }
}
