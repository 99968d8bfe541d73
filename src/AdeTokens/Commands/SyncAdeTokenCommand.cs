using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AdeTokens.Graph;
using AdeTokens.Graph.Models;
using AdeTokens.Remediation;
using AdeTokens.Renewal;

namespace AdeTokens.Commands
{
    [Cmdlet(VerbsData.Sync, "AdeToken", DefaultParameterSetName = IdSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(TokenStatus))]
    public sealed class SyncAdeTokenCommand : AdeCmdletBase
    {
        private const string IdSet = "Id";
        private const string NameSet = "Name";
        private const string InputSet = "InputObject";

        // Not by property name: a profile or device also has an Id, and it is not a token id. Piped objects
        // bind InputObject, which takes the token's Id from a token and TokenId from everything else.
        [Parameter(ParameterSetName = IdSet, Mandatory = true, Position = 0)]
        [Alias("TokenId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.AdeTokenIdCompleter))]
        public string[] Id { get; set; } = Array.Empty<string>();

        [Parameter(ParameterSetName = InputSet, Mandatory = true, ValueFromPipeline = true)]
        public PSObject[] InputObject { get; set; } = Array.Empty<PSObject>();

        [Parameter(ParameterSetName = NameSet, Mandatory = true)]
        [Alias("TokenName")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.AdeTokenNameCompleter))]
        public string[] Name { get; set; } = Array.Empty<string>();

        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public SwitchParameter Wait { get; set; }

        // Without it, -Wait skips tokens a sync cannot fix (expired, terms not accepted): waiting would only
        // run into the timeout.
        [Parameter]
        public SwitchParameter WaitAll { get; set; }

        // Seconds, like Wait-Job -Timeout. The default is the 15 minutes Intune gives one sync.
        [Parameter]
        [ValidateRange(1, 86400)]
        public int Timeout { get; set; } = (int)ManualSyncRule.SyncDuration.TotalSeconds;

        [Parameter]
        [ValidateRange(1, 300)]
        public int PollSeconds { get; set; } = 10;

        [Parameter]
        public SwitchParameter PassThru { get; set; }
        private readonly List<PendingSync> _pending = new List<PendingSync>();
        private readonly HashSet<string> _requested = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        protected override void BeginProcessing()
        {
            UseGraph();
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == NameSet)
            {
                foreach (var token in SelectTokensByName(Name)) Request(token);
                return;
            }
            var ids = ParameterSetName == InputSet ? InputObject.Select(PipedTokenId) : Id;
            foreach (var id in ids)
            {
                if (string.IsNullOrWhiteSpace(id)) continue;
                // One read per token per command, however many of its devices or profiles came down the pipe.
                if (_requested.Contains(id!) || !_seen.Add(id!)) continue;
                var token = GetTokenOrWriteError(id!);
                if (token is null) continue;
                Request(token);
            }
        }

        protected override void EndProcessing()
        {
            if (_pending.Count == 0) return;
            var service = Service!;
            var waiter = new SyncWaiter(service.GetTokenAsync, null, async ct =>
            {
                var all = new List<DepOnboardingSetting>();
                await service.ListTokensAsync(t => { all.Add(t); return true; }, ct).ConfigureAwait(false);
                return all;
            })
            {
                Timeout = TimeSpan.FromSeconds(Timeout),
                PollInterval = TimeSpan.FromSeconds(PollSeconds),
            };
            RunAsync((pipe, ct) => waiter.WaitAsync(
                _pending,
                p => pipe.WriteProgress(RemediationErrors.SyncProgress(p)),
                o => pipe.Post(_ => Report(o, waiter.Timeout)),
                ct));
        }

        private void Request(DepOnboardingSetting token)
        {
            var id = token.Id ?? string.Empty;
            var label = RemediationErrors.Label(token);
            if (!_requested.Add(id))
            {
                WriteVerbose($"{label} came up more than once; it is handled once per command.");
                return;
            }

            var gate = ManualSyncRule.Check(token.LastSyncTriggeredDateTime, DateTimeOffset.UtcNow);
            if (!gate.Allowed)
            {
                if (!Force)
                {
                    WriteError(RemediationErrors.From(ManualSyncRule.TooSoon(label, id, gate)));
                    return;
                }
                WriteWarning($"A sync of {label} was requested at {ManualSyncRule.Utc(gate.LastTriggered!.Value)}, less than {ManualSyncRule.Interval.TotalMinutes:0} minutes ago. Requesting another because of -Force; Intune may refuse it.");
            }

            var now = DateTimeOffset.UtcNow;
            var blocker = SyncUsefulness.Check(TokenStatusBuilder.Build(token, now, null, ConnectedTenantId), now);
            var portal = SyncUsefulness.PortalName(token.TokenType);
            if (!ShouldProcess(label, $"Request a sync with {portal} (syncWithAppleDeviceEnrollmentProgram)")) return;
            if (blocker != null) WriteWarning(blocker.Warning(label, Wait && !WaitAll));

            try
            {
                RunAsync((_, ct) => Service!.SyncAsync(id, ct));
            }
            catch (AdeGraphException e)
            {
                WriteError(RemediationErrors.SyncRequestFailed(e, id, label, gate));
                return;
            }
            var requestedAt = DateTimeOffset.UtcNow;
            WriteVerbose($"Requested a sync of {label} at {ManualSyncRule.Utc(requestedAt)}. Intune gives a sync up to 15 minutes.");

            if (Wait && (blocker is null || WaitAll))
            {
                var pending = new PendingSync(token, requestedAt);
                _pending.Add(pending);
                if ((token.LastSyncErrorCode ?? 0) != 0)
                    WriteWarning($"{label} already reports sync error code {token.LastSyncErrorCode}. Graph has no field that shows a sync ended with the same error again, so the wait can only see success or a different code; otherwise it ends after {ManualSyncRule.Describe(TimeSpan.FromSeconds(Timeout))} saying no result was seen.");
                return;
            }
            if (Wait) return;
            if (!PassThru) return;
            try
            {
                var after = RunAsync((_, ct) => Service!.GetTokenAsync(id, ct));
                if (after is null) WriteError(RemediationErrors.From(RemediationException.TokenNotFound(id)));
                else WriteObject(TokenStatusBuilder.Build(after, DateTimeOffset.UtcNow, null, ConnectedTenantId));
            }
            catch (AdeGraphException e)
            {
                WriteError(GraphError(e, id));
            }
        }

        // Through the finding's own view, on the host stream: written to the output next to a TokenStatus, it
        // would lose its view (PowerShell formats a mixed stream by the first object's shape) and show
        // "Remediation : {…, …}". Test-AdeTokenHealth -Id gives the finding as an object.
        private void WriteFinding(HealthFinding finding)
        {
            var text = InvokeCommand.InvokeScript(false, ScriptBlock.Create("param($f) ($f | Format-List | Out-String).Trim()"), null, finding);
            var rendered = text.Count > 0 ? text[0]?.ToString() : finding.ToString();
            WriteInformation(new InformationRecord(new HostInformationMessage { Message = rendered ?? finding.ToString() }, MyInvocation.MyCommand.Name) { Tags = { "PSHOST", "AdeTokens", "Finding" } });
        }

        private void Report(SyncWaitOutcome outcome, TimeSpan timeout)
        {
            WriteProgress(RemediationErrors.SyncProgressDone(outcome));
            var id = outcome.Sync.TokenId;
            switch (outcome.State)
            {
                case SyncWaitState.Succeeded:
                case SyncWaitState.Failed:
                    var now = DateTimeOffset.UtcNow;
                    var status = TokenStatusBuilder.Build(outcome.After!, now, null, ConnectedTenantId);
                    WriteVerbose(outcome.Describe(timeout));
                    WriteObject(status);
                    if (outcome.State == SyncWaitState.Failed)
                    {
                        WriteWarning(SyncReport.FailedWarning(outcome.Sync, outcome.NewErrorCode ?? 0));
                        var finding = SyncReport.FindingFor(status, now);
                        if (finding != null) WriteFinding(finding);
                    }
                    break;
                case SyncWaitState.TokenGone:
                    WriteError(RemediationErrors.From(RemediationException.TokenNotFound(id)));
                    break;
                case SyncWaitState.ReadFailed:
                    WriteError(outcome.Error is AdeGraphException g
                        ? GraphError(g, id)
                        : RemediationErrors.From(new RemediationException(RemediationErrorIds.SyncWaitFailed, RemediationErrorKind.InvalidResult,
                            outcome.Describe(timeout), $"Check the result later with Get-AdeTokenStatus -Id {id}.", id, outcome.Error)));
                    break;
                default:
                    WriteError(RemediationErrors.SyncTimedOut(outcome, timeout));
                    break;
            }
        }
    }
}
