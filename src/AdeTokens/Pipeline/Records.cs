using System;
using System.Collections.Generic;
using System.Management.Automation;
using AdeTokens.Graph;
using AdeTokens.Graph.Models;
using AdeTokens.Renewal;
using AdeTokens.Sync;

namespace AdeTokens
{
    // Core results as PowerShell records: progress, the host's numbered steps, and the error records whose
    // words depend on what the cmdlet was doing. No logic beyond the shaping.
    internal static class Records
    {
        public static string Label(DepOnboardingSetting t) => TokenLabel.Of(t);

        /// <summary>Progress while streaming a token's devices; the total is the token's SyncedDeviceCount, so "about".</summary>
        public static ProgressRecord DeviceProgress(int activityId, string activity, int seen, int total, string suffix = "")
            => new ProgressRecord(activityId, activity, (total > 0 ? $"{InvariantText.Count(seen)} of about {InvariantText.Count(total)} devices" : $"{InvariantText.Count(seen)} devices") + suffix)
            {
                PercentComplete = total > 0 ? Math.Min(100, (int)(seen * 100L / total)) : -1,
            };

        /// <summary>Closes a progress bar, also when the pipeline is stopping (Ctrl+C, Select-Object -First): one left open keeps the console busy.</summary>
        public static void CompleteProgress(PSCmdlet cmdlet, int activityId, string activity)
        {
            try
            {
                cmdlet.WriteProgress(new ProgressRecord(activityId, activity, "Done") { RecordType = ProgressRecordType.Completed });
            }
            catch (PipelineStoppedException)
            {
                // Stopping: the pipeline takes no more records; the host clears its progress display itself.
            }
        }

        // Next steps are for the person at the console: the information stream with the PSHOST tag is what
        // Write-Host uses, so they show by default and can still be captured (6>) or silenced.
        public static void WriteSteps(PSCmdlet cmdlet, string heading, IReadOnlyList<string> steps)
        {
            cmdlet.WriteInformation(new InformationRecord(new HostInformationMessage { Message = heading }, cmdlet.MyInvocation.MyCommand.Name) { Tags = { "PSHOST" } });
            foreach (var line in RenewalGuide.Numbered(steps))
            {
                cmdlet.WriteInformation(new InformationRecord(new HostInformationMessage { Message = line }, cmdlet.MyInvocation.MyCommand.Name) { Tags = { "PSHOST" } });
            }
        }

        // Through the finding's own view, on the host stream: written to the output next to a TokenStatus, it
        // would lose its view (PowerShell formats a mixed stream by the first object's shape) and show
        // "Remediation : {…, …}". Test-AdeTokenHealth -Id gives the finding as an object.
        public static void WriteFinding(PSCmdlet cmdlet, HealthFinding finding)
        {
            var text = cmdlet.InvokeCommand.InvokeScript(false, ScriptBlock.Create("param($f) ($f | Format-List | Out-String).Trim()"), null, finding);
            var rendered = text.Count > 0 ? text[0]?.ToString() : finding.ToString();
            cmdlet.WriteInformation(new InformationRecord(new HostInformationMessage { Message = rendered ?? finding.ToString() }, cmdlet.MyInvocation.MyCommand.Name) { Tags = { "PSHOST", "AdeTokens", "Finding" } });
        }

        public static string UploadAction(RenewalPlan plan)
            => $"Upload the server token '{plan.File.Source}' with Apple ID {plan.AppleId} (uploadDepToken). This replaces the server token Intune uses for this token";

        /// <summary>A refused sync request: SyncRejected with the manual-sync interval explained, when a 400/409 most likely is that.</summary>
        public static ErrorRecord SyncRequestFailed(AdeGraphException e, string id, string label, SyncGate gate)
            => SyncService.IsRejection(e)
                ? ErrorRecords.From(e, id, SyncService.RejectedMessage(e, label, gate), SyncService.RejectedAction(gate), RemediationErrorIds.SyncRejected, ErrorCategory.ResourceBusy)
                : ErrorRecords.From(e, id);

        public static ProgressRecord SyncProgress(SyncWaitProgress p, int? activityId = null)
            => new ProgressRecord(activityId ?? 1 + p.Index, $"Waiting for the sync of {p.Sync.Label}",
                $"{ManualSyncRule.Describe(p.Elapsed)} of {ManualSyncRule.Describe(p.Timeout)} elapsed; checked {p.Polls} time(s)")
            {
                PercentComplete = p.PercentComplete,
                SecondsRemaining = p.SecondsRemaining,
            };

        public static ProgressRecord SyncProgressDone(SyncWaitOutcome o)
            => new ProgressRecord(1 + o.Index, $"Waiting for the sync of {o.Sync.Label}", o.State.ToString()) { RecordType = ProgressRecordType.Completed };
    }
}
