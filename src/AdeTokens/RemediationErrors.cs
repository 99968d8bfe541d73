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
    // Shared by the remediation cmdlets (sync, renewal, profiles, devices). It holds no logic beyond turning
    // Core results into PowerShell records.
    internal static class RemediationErrors
    {
        public static string Label(DepOnboardingSetting t)
            => string.IsNullOrWhiteSpace(t.TokenName) ? $"ADE token {t.Id}" : $"ADE token '{t.TokenName}' ({t.Id})";

        /// <summary>Progress while streaming a token's devices; the total is the token's SyncedDeviceCount, so "about".</summary>
        public static ProgressRecord DeviceProgress(int activityId, string activity, int seen, int total, string suffix = "")
            => new ProgressRecord(activityId, activity, (total > 0 ? $"{InvariantText.Count(seen)} of about {InvariantText.Count(total)} devices" : $"{InvariantText.Count(seen)} devices") + suffix)
            {
                PercentComplete = total > 0 ? Math.Min(100, (int)(seen * 100L / total)) : -1,
            };

        public static ErrorRecord From(RemediationException e)
        {
            var category = e.Kind switch
            {
                RemediationErrorKind.InvalidArgument => ErrorCategory.InvalidArgument,
                RemediationErrorKind.NotFound => ErrorCategory.ObjectNotFound,
                RemediationErrorKind.AlreadyExists => ErrorCategory.ResourceExists,
                RemediationErrorKind.Busy => ErrorCategory.ResourceBusy,
                RemediationErrorKind.Timeout => ErrorCategory.OperationTimeout,
                RemediationErrorKind.InvalidResult => ErrorCategory.InvalidResult,
                RemediationErrorKind.WriteFailed => ErrorCategory.WriteError,
                _ => ErrorCategory.InvalidOperation,
            };
            return new ErrorRecord(e, e.ErrorId, category, e.Target)
            {
                ErrorDetails = new ErrorDetails(e.Message) { RecommendedAction = e.RecommendedAction },
            };
        }

        /// <summary>The shared "is a folder, not a file" error (AdeTokens.Io.FolderPath) as a record.</summary>
        public static ErrorRecord From(Io.PathIsFolderException e, object? target = null)
            => new ErrorRecord(e, e.ErrorId, ErrorCategory.InvalidArgument, target ?? e.Path)
            {
                ErrorDetails = new ErrorDetails(e.Message) { RecommendedAction = e.RecommendedAction },
            };

        public static ErrorRecord From(ServerTokenException e)
        {
            var category = e.ErrorId switch
            {
                ServerTokenErrorIds.TokenFileNotFound => ErrorCategory.ObjectNotFound,
                ServerTokenErrorIds.TokenFileUnreadable => ErrorCategory.ReadError,
                ServerTokenErrorIds.TokenFileTooLarge => ErrorCategory.LimitsExceeded,
                ServerTokenErrorIds.TokenRecipientMismatch => ErrorCategory.InvalidArgument,
                ServerTokenErrorIds.TokenRecipientUnconfirmed => ErrorCategory.SecurityError,
                ServerTokenErrorIds.PublicKeyUnreadable => ErrorCategory.InvalidResult,
                _ => ErrorCategory.InvalidData,
            };
            return new ErrorRecord(e, e.ErrorId, category, e.Target)
            {
                ErrorDetails = new ErrorDetails(e.Message) { RecommendedAction = e.RecommendedAction },
            };
        }

        // Next steps are for the person at the console: the information stream with the PSHOST tag is what
        // Write-Host uses, so they show by default and can still be captured (6>) or silenced.
        public static void WriteSteps(PSCmdlet cmdlet, string heading, System.Collections.Generic.IReadOnlyList<string> steps)
        {
            cmdlet.WriteInformation(new InformationRecord(new HostInformationMessage { Message = heading }, cmdlet.MyInvocation.MyCommand.Name) { Tags = { "PSHOST" } });
            foreach (var line in RenewalGuide.Numbered(steps))
            {
                cmdlet.WriteInformation(new InformationRecord(new HostInformationMessage { Message = line }, cmdlet.MyInvocation.MyCommand.Name) { Tags = { "PSHOST" } });
            }
        }

        // The three ways a renewal step fails, for Update-AdeToken and Start-AdeTokenRenewal alike.
        public static bool IsRenewalFailure(Exception e)
            => e is ServerTokenException || e is RemediationException || e is AdeGraphException;

        public static ErrorRecord ForRenewal(Exception e, string tokenId) => e switch
        {
            ServerTokenException s => From(s),
            RemediationException r => From(r),
            _ => AdeCmdletBase.GraphError(e, tokenId),
        };

        public static string UploadAction(RenewalPlan plan)
            => $"Upload the server token '{plan.File.Source}' with Apple ID {plan.AppleId} (uploadDepToken). This replaces the server token Intune uses for this token";

        public static ErrorRecord TokenNameNotFound(string name) => From(new RemediationException(
            RemediationErrorIds.TokenNotFound, RemediationErrorKind.NotFound,
            $"No ADE token named '{name}' exists in this tenant.",
            "Run Get-AdeTokenStatus to list the token names, or use a wildcard such as 'Contoso*'.", name));

        public static ErrorRecord SyncRequestFailed(AdeGraphException e, string id, string label, SyncGate gate)
        {
            if (e.Kind != GraphFailureKind.InvalidRequest) return AdeCmdletBase.GraphError(e, id);
            // Graph's answer to a too-early manual sync is undocumented; a 400/409 on this action most likely is that.
            var interval = $"Intune allows one manual sync every {ManualSyncRule.Interval.TotalMinutes:0} minutes";
            var when = gate.NextAllowedAt.HasValue
                ? $"{interval}; the last one was requested at {ManualSyncRule.Utc(gate.LastTriggered!.Value)}, so the next is allowed at {ManualSyncRule.Utc(gate.NextAllowedAt.Value)}."
                : interval + ".";
            var message = $"Intune refused the sync request for {label}. {when} {e.Message}";
            return new ErrorRecord(e, RemediationErrorIds.SyncRejected, ErrorCategory.ResourceBusy, id)
            {
                ErrorDetails = new ErrorDetails(message)
                {
                    RecommendedAction = gate.NextAllowedAt.HasValue && !gate.Allowed
                        ? $"Run Sync-AdeToken again after {ManualSyncRule.Utc(gate.NextAllowedAt.Value)}."
                        : "Wait 15 minutes and run Sync-AdeToken again. If it keeps failing, give Microsoft support the request-id.",
                },
            };
        }

        public static ErrorRecord SyncTimedOut(SyncWaitOutcome outcome, TimeSpan timeout)
        {
            var id = outcome.Sync.TokenId;
            return From(new RemediationException(RemediationErrorIds.SyncWaitTimedOut, RemediationErrorKind.Timeout,
                outcome.Describe(timeout),
                $"The sync may still finish: check later with Get-AdeTokenStatus -Id {id}. If nothing changes for hours, run Test-AdeTokenHealth -Id {id}.",
                id));
        }

        public static ProgressRecord SyncProgress(SyncWaitProgress p)
            => new ProgressRecord(1 + p.Index, $"Waiting for the sync of {p.Sync.Label}",
                $"{ManualSyncRule.Describe(p.Elapsed)} of {ManualSyncRule.Describe(p.Timeout)} elapsed; checked {p.Polls} time(s)")
            {
                PercentComplete = p.PercentComplete,
                SecondsRemaining = p.SecondsRemaining,
            };

        public static ProgressRecord SyncProgressDone(SyncWaitOutcome o)
            => new ProgressRecord(1 + o.Index, $"Waiting for the sync of {o.Sync.Label}", o.State.ToString()) { RecordType = ProgressRecordType.Completed };
    }
}
