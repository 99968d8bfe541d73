using System;
using System.Management.Automation;
using AdeTokens.Renewal;

namespace AdeTokens.Commands
{
    [Cmdlet(VerbsLifecycle.Start, "AdeTokenRenewal", DefaultParameterSetName = IdSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(RenewalResult))]
    public sealed class StartAdeTokenRenewalCommand : AdeGraphCmdletBase
    {
        private const string IdSet = "Id";
        private const string InputSet = "InputObject";

        // Not by property name: a device or profile also has an Id. Piped objects bind InputObject.
        [Parameter(ParameterSetName = IdSet, Mandatory = true, Position = 0)]
        [Alias("TokenId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.AdeTokenIdCompleter))]
        public string Id { get; set; } = string.Empty;

        [Parameter(ParameterSetName = InputSet, Mandatory = true, ValueFromPipeline = true)]
        public PSObject? InputObject { get; set; }

        private bool _renewedOne;

        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string KeyPath { get; set; } = string.Empty;

        [Parameter(Mandatory = true)]
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

        [Parameter]
        [ValidateRange(1, 1440)]
        public int TimeoutMinutes { get; set; } = 30;

        [Parameter]
        [ValidateRange(1, 300)]
        public int PollSeconds { get; set; } = 5;

        private RenewalWorkflow _workflow = null!;

        protected override void BeginWithGraph() => _workflow = new RenewalWorkflow(Service, ConnectedTenantId, TimeSpan.FromSeconds(ExpiryWaitSeconds));

        protected override void ProcessRecord()
        {
            if (ParameterSetName == InputSet)
            {
                var piped = PipelineInput.TokenId(this, InputObject);
                if (string.IsNullOrWhiteSpace(piped) || string.Equals(piped, Id, StringComparison.OrdinalIgnoreCase)) return;
                // One guided renewal per command: -KeyPath and -TokenFile name one key and one server token.
                if (_renewedOne)
                {
                    WriteError(ErrorRecords.From(RemediationException.RenewalOneTokenOnly(Id, piped!)));
                    return;
                }
                Id = piped!;
            }
            _renewedOne = true;
            var keyPath = SessionState.Path.GetUnresolvedProviderPathFromPSPath(KeyPath);
            var watch = TokenFileWatch.Resolve(SessionState.Path.GetUnresolvedProviderPathFromPSPath(TokenFile));
            if (Io.FolderPath.Check(keyPath, "-KeyPath path", "public_key.pem") is Io.PathIsFolderException keyFolder)
            {
                WriteError(ErrorRecords.From(keyFolder, KeyPath));
                return;
            }
            try
            {
                watch.EnsureUsable(keyPath, TokenFile);
                Renew(keyPath, watch, new RenewalPipeObserver(watch.Display));
            }
            catch (AdeException e)
            {
                WriteError(ErrorRecords.FromOr(e, Id));
            }
        }

        private void Renew(string keyPath, TokenFileWatch watch, RenewalPipeObserver observer)
        {
            // 1. Lookups (they run under -WhatIf too): the token, its key, and the Apple ID, so a wrong Apple ID
            //    fails before the admin goes to Apple Business Manager.
            var lookup = RunAsync((pipe, ct) => _workflow.LookupAsync(Id, AppleId, Force, observer.On(pipe), ct));
            var label = lookup.Label;
            var keyIsThere = RenewalWorkflow.KeyFileIsCurrent(lookup, keyPath, Force);

            // One confirmation for the whole guided change, asked before the admin downloads anything in ABM:
            // refusing after the download would leave the tenant with an invalidated token.
            if (!ShouldProcess(label, $"Renew the token: write its public key to '{keyPath}', wait for the server token at '{watch.Display}', upload it (uploadDepToken) and request a sync")) return;

            // 2. The key, and what to do in ABM.
            if (keyIsThere) WriteVerbose($"'{keyPath}' already holds this token's public key.");
            else RenewalWorkflow.WriteKey(lookup, keyPath, Force);
            Records.WriteSteps(this, $"The public key of {label} is in {keyPath}. In Apple Business Manager:", RenewalGuide.AbmSteps(label, keyPath, watch.Display));
            WriteWarning(RenewalGuide.DownloadInvalidatesWarning);

            // 3. Wait for the .p7m.
            string? arrived;
            try
            {
                arrived = RunAsync((pipe, ct) => RenewalWorkflow.WaitForTokenFileAsync(watch.ExactFile ? watch.Path : null, watch.Folder, watch.Matches, watch.Display, Id,
                    TimeSpan.FromMinutes(TimeoutMinutes), TimeSpan.FromSeconds(PollSeconds), observer.On(pipe), ct));
            }
            catch (PipelineStoppedException)
            {
                // Ctrl+C: the pipeline no longer takes writes, but the host does, and this is the one thing the admin must not miss.
                try
                {
                    Host.UI.WriteWarningLine(RenewalGuide.StoppedBeforeUpload(Id, watch.ExactFile ? watch.Path : System.IO.Path.Combine(watch.Folder, "<file>_smime.p7m")));
                }
                catch (Exception)
                {
                    // A host without a UI (a remote runspace being torn down): nothing more can be said.
                }
                throw;
            }
            WriteProgress(new ProgressRecord(RenewalPipeObserver.FileProgressId, RenewalPipeObserver.FileActivity, "Done") { RecordType = ProgressRecordType.Completed });
            if (arrived is null) throw RenewalWorkflow.TokenFileTimedOut(watch.Display, TimeoutMinutes, Id, TokenFile);

            // 4. The same checks and upload as Update-AdeToken.
            var plan = RunAsync((_, ct) => _workflow.PrepareAsync(Id, arrived, AppleId, Force, ct));
            foreach (var w in plan.Warnings) WriteWarning(w);
            WriteVerbose(plan.RecipientCheck);
            var result = RunAsync((_, ct) => _workflow.ApplyAsync(plan, ct));
            Records.WriteSteps(this, RenewalGuide.Renewed(label, result.ExpirationDateTime, result.PreviousExpirationDateTime), Array.Empty<string>());

            // 5. Sync, and wait for its result.
            RunAsync((pipe, ct) => _workflow.SyncAsync(result, Id, label, TimeSpan.FromSeconds(PollSeconds), observer.On(pipe), ct));
            WriteObject(result);
        }
    }
}
