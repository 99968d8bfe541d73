using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Security;
using AdeTokens.Alerts;
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

        private readonly List<HealthResult> _results = new List<HealthResult>();
        private Uri? _webhook;
        private AdeGraphConnection? _connection;

        private bool UsesTeams => TeamsWebhookUrl != null;
        private bool UsesMail => !string.IsNullOrEmpty(MailFrom) || MailTo.Length > 0;

        protected override void BeginProcessing()
        {
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
            var selection = AlertSelection.Select(_results, MinimumStatus, DateTimeOffset.UtcNow, Title);
            if (!selection.HasAlert && !AlwaysSend)
            {
                WriteVerbose($"Nothing to alert on: {selection.Summary} No alert was sent (use -AlwaysSend for an all-clear message).");
                if (PassThru)
                {
                    if (UsesTeams) WriteObject(NotSent(TeamsChannel, selection));
                    if (UsesMail) WriteObject(NotSent(MailChannel, selection));
                }
                return;
            }

            if (UsesTeams) SendTeams(selection);
            if (UsesMail) SendMail(selection);
        }

        private void SendTeams(AlertSelection selection)
        {
            var webhook = _webhook!;
            var where = WebhookUrl.Redact(webhook);
            if (!ShouldProcess($"Teams webhook {where}", $"Post the alert card ({selection.Summary})")) return;
            var payload = TeamsCard.Build(selection);
            try
            {
                var delivery = RunAsync((pipe, ct) => new WebhookSender().PostAsync(webhook, payload, pipe.WriteVerbose, ct));
                if (PassThru) WriteObject(Sent(TeamsChannel, selection, delivery.StatusCode, delivery.Attempts, Array.Empty<string>()));
            }
            catch (AlertDeliveryException e)
            {
                WriteError(new ErrorRecord(e, "AlertDeliveryFailed",
                    e.Failure == AlertDeliveryFailure.Network ? ErrorCategory.ConnectionError : ErrorCategory.InvalidResult, TeamsChannel)
                {
                    ErrorDetails = new ErrorDetails(e.Message) { RecommendedAction = e.RecommendedAction },
                });
            }
        }

        private void SendMail(AlertSelection selection)
        {
            var recipients = MailTo.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()).ToArray();
            if (!ShouldProcess($"mail from {MailFrom} to {string.Join(", ", recipients)}", $"Send the alert ({selection.Summary}) through Graph sendMail")) return;
            var body = AlertMail.Build(selection, recipients);
            try
            {
                RunAsync((_, ct) => AlertMail.SendAsync(_connection!, MailFrom, body, ct));
                WriteVerbose($"Graph accepted the alert mail from {MailFrom} to {string.Join(", ", recipients)}.");
                if (PassThru) WriteObject(Sent(MailChannel, selection, 202, 1, recipients));
            }
            catch (AdeGraphException e)
            {
                WriteError(GraphError(e, MailFrom));
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
        };

        private AlertResult NotSent(string channel, AlertSelection s) => new AlertResult
        {
            Channel = channel,
            Sent = false,
            ResultCount = 0,
            TotalCount = s.All.Results.Count,
            Status = HealthStatus.Healthy,
            MinimumStatus = MinimumStatus,
            Summary = s.Summary + " Nothing was sent.",
        };
    }
}
