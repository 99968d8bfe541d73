using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.IO;
using System.Security;
using AdeTokens.Alerts;
using Microsoft.Graph.Users.Item.SendMail;
using AdeTokens.Graph;

namespace AdeTokens.Commands
{
    [Cmdlet(VerbsCommunications.Send, "AdeTokenAlert", DefaultParameterSetName = MailSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(AlertResult))]
    public sealed class SendAdeTokenAlertCommand : AdeCmdletBase
    {
        private const string TeamsSet = "Teams";
        private const string MailSet = "Mail";
        private const string TeamsChannel = "Teams";
        private const string MailChannel = "Mail";

        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [AllowNull]
        public PSObject? InputObject { get; set; }

        [Parameter(ParameterSetName = TeamsSet, Mandatory = true)]
        [ValidateNotNull]
        public SecureString? TeamsWebhookUrl { get; set; }

        // Two sets, not three: with a third "TeamsAndMail" set, -MailFrom/-MailTo alone (or -TeamsWebhookUrl alone) leave
        // two candidate sets and pipeline input makes PowerShell give up with AmbiguousParameterSet. So the Teams set
        // takes the mail parameters as optional, and Mail (mail only) is the default.
        [Parameter(ParameterSetName = MailSet, Mandatory = true)]
        [Parameter(ParameterSetName = TeamsSet)]
        [ValidateNotNullOrEmpty]
        public string MailFrom { get; set; } = string.Empty;

        [Parameter(ParameterSetName = MailSet, Mandatory = true)]
        [Parameter(ParameterSetName = TeamsSet)]
        [ValidateNotNullOrEmpty]
        public string[] MailTo { get; set; } = Array.Empty<string>();

        [Parameter]
        [ValidateSet("Warning", "Critical")]
        public HealthStatus MinimumStatus { get; set; } = HealthStatus.Warning;

        [Parameter]
        public SwitchParameter AlwaysSend { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Title { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? StatePath { get; set; }

        [Parameter]
        [ValidateNotNull]
        public ScriptBlock? StateReader { get; set; }

        [Parameter]
        [ValidateNotNull]
        public ScriptBlock? StateWriter { get; set; }

        private readonly List<HealthResult> _results = new List<HealthResult>();
        private string? _statePath;
        private bool _tracked;
        private AlertState? _previous;
        private Uri? _webhook;
        private AdeGraphConnection? _connection;

        private bool UsesTeams => TeamsWebhookUrl != null;
        private bool UsesMail => !string.IsNullOrEmpty(MailFrom) || MailTo.Length > 0;

        protected override void BeginProcessing()
        {
            ReadState();
            if (UsesTeams)
            {
                try
                {
                    _webhook = WebhookUrl.Validate(new NetworkCredential(string.Empty, TeamsWebhookUrl).Password);
                }
                catch (ArgumentException e)
                {
                    // The target is the parameter name, never the value: the URL is a secret.
                    ThrowTerminatingError(new ErrorRecord(new ArgumentException(e.Message), "InvalidTeamsWebhookUrl", ErrorCategory.InvalidArgument, nameof(TeamsWebhookUrl))
                    {
                        ErrorDetails = new ErrorDetails(e.Message)
                        {
                            RecommendedAction = "Give the https URL of the workflow's \"When a Teams webhook request is received\" trigger, as a SecureString (for example from Get-AutomationVariable or Get-Secret).",
                        },
                    });
                }
            }
            if (UsesMail)
            {
                if (string.IsNullOrEmpty(MailFrom) || MailTo.Length == 0)
                {
                    var missing = string.IsNullOrEmpty(MailFrom) ? "-MailFrom" : "-MailTo";
                    ThrowTerminatingError(new ErrorRecord(new ArgumentException($"Mail needs both -MailFrom and -MailTo; {missing} is missing."),
                        "MailParameterMissing", ErrorCategory.InvalidArgument, missing)
                    {
                        ErrorDetails = new ErrorDetails($"Mail needs both -MailFrom and -MailTo; {missing} is missing.") { RecommendedAction = "Give both -MailFrom and -MailTo, or neither to post to Teams only." },
                    });
                }
                if (MailTo.All(string.IsNullOrWhiteSpace))
                    ThrowTerminatingError(new ErrorRecord(new ArgumentException("-MailTo holds no address."), "InvalidMailRecipient", ErrorCategory.InvalidArgument, MailTo));
                _connection = RequireConnection();
            }
        }

        protected override void ProcessRecord() => CollectHealthResults(InputObject, _results, "UnsupportedAlertInput");

        protected override void EndProcessing()
        {
            var now = DateTimeOffset.UtcNow;
            var selection = AlertSelection.Select(_results, MinimumStatus, now, Title);
            AlertState? next = null;
            if (_tracked)
            {
                var (changes, nextState) = AlertState.Compare(_previous, _results, MinimumStatus, now);
                next = nextState;
                selection.WithChanges(changes, _previous?.SentAt);
                if (!selection.HasChanges && !AlwaysSend)
                {
                    WriteVerbose($"Nothing changed since the last alert{(_previous != null ? " (" + InvariantText.Utc(_previous.SentAt) + ")" : string.Empty)}: {selection.Summary} No alert was sent (use -AlwaysSend to send anyway).");
                    WriteNotSent(selection, " Nothing changed since the last alert, so nothing was sent.");
                    return;
                }
                foreach (var c in selection.Changes) WriteVerbose("Changed since the last alert: " + c.Text);
            }
            else if (!selection.HasAlert && !AlwaysSend)
            {
                WriteVerbose($"Nothing to alert on: {selection.Summary} No alert was sent (use -AlwaysSend for an all-clear message).");
                WriteNotSent(selection, " Nothing was sent.");
                return;
            }

            var ok = true;
            var attempted = false;
            if (UsesTeams) ok &= SendTeams(selection, ref attempted);
            if (UsesMail) ok &= SendMail(selection, ref attempted);
            // Saved only when every channel took the alert: a failed channel must see the same changes next run.
            if (next != null && attempted && ok) WriteState(next);
        }

        private void WriteNotSent(AlertSelection selection, string why)
        {
            if (!PassThru) return;
            if (UsesTeams) WriteObject(NotSent(TeamsChannel, selection, why));
            if (UsesMail) WriteObject(NotSent(MailChannel, selection, why));
        }

        private void ReadState()
        {
            if (StatePath != null && (StateReader != null || StateWriter != null))
                Fail("AlertStateParameterConflict", "Give -StatePath, or -StateReader with -StateWriter, not both.", nameof(StatePath),
                    "Use -StatePath for a file, or -StateReader and -StateWriter for an Azure Automation variable.");
            if ((StateReader is null) != (StateWriter is null))
                Fail("AlertStateParameterMissing", $"{(StateReader is null ? "-StateWriter" : "-StateReader")} needs {(StateReader is null ? "-StateReader" : "-StateWriter")} as well.",
                    StateReader is null ? nameof(StateWriter) : nameof(StateReader),
                    "Give both, for example -StateReader { Get-AutomationVariable -Name AdeAlertState } -StateWriter { param($State) Set-AutomationVariable -Name AdeAlertState -Value $State }.");
            string? text = null;
            string where;
            if (StatePath != null)
            {
                _statePath = SessionState.Path.GetUnresolvedProviderPathFromPSPath(StatePath);
                where = _statePath;
                if (Directory.Exists(_statePath))
                    Fail("AlertStatePathIsFolder", $"The alert state path '{_statePath}' is a folder, not a file.", StatePath,
                        "Give a file name inside that folder, for example -StatePath ./ade-alert-state.json.", ErrorCategory.InvalidArgument);
                if (File.Exists(_statePath))
                {
                    try
                    {
                        text = File.ReadAllText(_statePath);
                    }
                    catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is SecurityException)
                    {
                        Fail("AlertStateUnreadable", $"Could not read the alert state '{_statePath}': {e.Message}", StatePath,
                            "Check that the file can be read, or remove it to start again (the next alert then reports every open problem).", ErrorCategory.ReadError);
                    }
                }
            }
            else if (StateReader != null)
            {
                where = "-StateReader";
                try
                {
                    var output = StateReader.Invoke();
                    text = string.Concat(output.Where(o => o != null).Select(o => o.BaseObject?.ToString()));
                }
                catch (RuntimeException e)
                {
                    Fail("AlertStateUnreadable", $"-StateReader failed: {e.Message}", nameof(StateReader),
                        "Check the script block; it should output the state string that -StateWriter stored (or nothing on the first run).", ErrorCategory.ReadError);
                }
            }
            else return;

            _tracked = true;
            if (string.IsNullOrWhiteSpace(text))
            {
                WriteVerbose($"No earlier alert state in {where}: this run reports every open problem as new.");
                return;
            }
            try
            {
                _previous = AlertState.Parse(text!);
                WriteVerbose($"Read the alert state from {where}: {_previous.Tokens.Count} token(s) alerted on at {InvariantText.Utc(_previous.SentAt)}.");
            }
            catch (FormatException e)
            {
                // Not terminating: a damaged state must not silence the alert. This run counts as the first.
                WriteError(new ErrorRecord(e, "AlertStateInvalid", ErrorCategory.InvalidData, (object?)StatePath ?? nameof(StateReader))
                {
                    ErrorDetails = new ErrorDetails($"The alert state in {where} could not be read ({e.Message}). This run reports every open problem as new and replaces the state.")
                    {
                        RecommendedAction = "Nothing, if the state was damaged: it is rewritten after this alert. If another tool writes that file or variable, give Send-AdeTokenAlert its own.",
                    },
                });
            }
        }

        private void WriteState(AlertState next)
        {
            var json = next.ToJson();
            try
            {
                if (_statePath != null)
                {
                    var temp = _statePath + ".tmp";
                    File.WriteAllText(temp, json, new System.Text.UTF8Encoding(false));
                    if (File.Exists(_statePath)) File.Replace(temp, _statePath, null);
                    else File.Move(temp, _statePath);
                    WriteVerbose($"Saved the alert state ({next.Tokens.Count} token(s)) to {_statePath}.");
                }
                else
                {
                    StateWriter!.Invoke(json);
                    WriteVerbose($"Passed the alert state ({next.Tokens.Count} token(s)) to -StateWriter.");
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is SecurityException || e is RuntimeException)
            {
                WriteError(new ErrorRecord(e, "AlertStateWriteFailed", ErrorCategory.WriteError, (object?)StatePath ?? nameof(StateWriter))
                {
                    ErrorDetails = new ErrorDetails($"The alert was sent, but its state could not be saved: {e.Message} The next run will report the same changes again.")
                    {
                        RecommendedAction = _statePath != null ? "Check that the folder exists and can be written to." : "Check the -StateWriter script block (for example that the Automation variable exists).",
                    },
                });
            }
        }

        private void Fail(string id, string message, object target, string action, ErrorCategory category = ErrorCategory.InvalidArgument)
            => ThrowTerminatingError(new ErrorRecord(new ArgumentException(message), id, category, target)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = action },
            });

        private bool SendTeams(AlertSelection selection, ref bool attempted)
        {
            var webhook = _webhook!;
            var where = WebhookUrl.Redact(webhook);
            if (!ShouldProcess($"Teams webhook {where}", $"Post the alert card ({selection.Summary})")) return true;
            attempted = true;
            var payload = TeamsCard.Build(selection);
            try
            {
                var delivery = RunAsync((pipe, ct) => new WebhookSender().PostAsync(webhook, payload, pipe.WriteVerbose, ct));
                if (PassThru) WriteObject(Sent(TeamsChannel, selection, delivery.StatusCode, delivery.Attempts, Array.Empty<string>()));
                return true;
            }
            catch (AlertDeliveryException e)
            {
                WriteError(new ErrorRecord(e, "AlertDeliveryFailed",
                    e.Failure == AlertDeliveryFailure.Network ? ErrorCategory.ConnectionError : ErrorCategory.InvalidResult, TeamsChannel)
                {
                    ErrorDetails = new ErrorDetails(e.Message) { RecommendedAction = e.RecommendedAction },
                });
                return false;
            }
        }

        private bool SendMail(AlertSelection selection, ref bool attempted)
        {
            var recipients = MailTo.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()).ToArray();
            if (!ShouldProcess($"mail from {MailFrom} to {string.Join(", ", recipients)}", $"Send the alert ({selection.Summary}) through Graph sendMail")) return true;
            attempted = true;
            SendMailPostRequestBody body;
            try
            {
                body = AlertMail.Build(selection, recipients);
            }
            catch (AlertMailTooLargeException e)
            {
                WriteError(new ErrorRecord(e, "AlertMailTooLarge", ErrorCategory.LimitsExceeded, MailChannel)
                {
                    ErrorDetails = new ErrorDetails(e.Message) { RecommendedAction = "Alert on fewer tokens (-MinimumStatus Critical, or split the results by tenant), or post to Teams, whose card lists the most urgent tokens." },
                });
                return false;
            }
            try
            {
                RunAsync((_, ct) => AlertMail.SendAsync(_connection!, MailFrom, body, ct));
                WriteVerbose($"Graph accepted the alert mail from {MailFrom} to {string.Join(", ", recipients)} ({AlertMail.RequestBytes(body).ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} bytes).");
                if (PassThru) WriteObject(Sent(MailChannel, selection, 202, 1, recipients));
                return true;
            }
            catch (AdeGraphException e)
            {
                WriteError(GraphError(e, MailFrom));
                return false;
            }
        }

        private AlertResult Sent(string channel, AlertSelection s, int status, int attempts, string[] recipients) => new AlertResult
        {
            Channel = channel,
            Sent = true,
            ResultCount = s.HasAlert ? s.Selected.Results.Count : 0,
            TotalCount = s.All.Results.Count,
            Status = s.HasAlert ? s.Selected.HighestStatus : HealthStatus.Healthy,
            MinimumStatus = MinimumStatus,
            Summary = s.Summary,
            StatusCode = status,
            Attempts = attempts,
            Recipients = recipients,
            SentAt = DateTimeOffset.UtcNow,
            Changes = s.Changes.Select(c => c.Text).ToArray(),
        };

        private AlertResult NotSent(string channel, AlertSelection s, string why) => new AlertResult
        {
            Channel = channel,
            Sent = false,
            ResultCount = s.HasAlert ? s.Selected.Results.Count : 0,
            TotalCount = s.All.Results.Count,
            Status = s.HasAlert ? s.Selected.HighestStatus : HealthStatus.Healthy,
            MinimumStatus = MinimumStatus,
            Summary = s.Summary + why,
        };
    }
}
