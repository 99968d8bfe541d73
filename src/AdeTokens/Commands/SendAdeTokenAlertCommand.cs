using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net;
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

        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [AllowNull]
        public PSObject? InputObject { get; set; }

        [Parameter(ParameterSetName = TeamsSet, Mandatory = true)]
        [ValidateNotNull]
        public System.Security.SecureString? TeamsWebhookUrl { get; set; }

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
        private AlertStateStore? _store;
        private AlertState? _previous;
        private Uri? _webhook;
        private AdeGraphConnection? _connection;

        private bool UsesTeams => TeamsWebhookUrl != null;
        private bool UsesMail => !string.IsNullOrEmpty(MailFrom) || MailTo.Length > 0;

        protected override void BeginProcessing()
        {
            _store = AlertStateBinding.Open(this, StatePath, StateReader, StateWriter);
            if (_store != null) _previous = AlertStateBinding.Load(this, _store);
            if (UsesTeams)
            {
                try
                {
                    _webhook = WebhookUrl.Validate(new NetworkCredential(string.Empty, TeamsWebhookUrl).Password);
                }
                catch (ArgumentException e)
                {
                    // The target is the parameter name, never the value: the URL is a secret.
                    ThrowTerminatingError(ErrorRecords.Argument("InvalidTeamsWebhookUrl", e.Message, nameof(TeamsWebhookUrl),
                        "Give the https URL of the workflow's \"When a Teams webhook request is received\" trigger, as a SecureString (for example from Get-AutomationVariable or Get-Secret)."));
                }
            }
            if (!UsesMail) return;
            if (string.IsNullOrEmpty(MailFrom) || MailTo.Length == 0)
            {
                var missing = string.IsNullOrEmpty(MailFrom) ? "-MailFrom" : "-MailTo";
                ThrowTerminatingError(ErrorRecords.Argument("MailParameterMissing", $"Mail needs both -MailFrom and -MailTo; {missing} is missing.", missing,
                    "Give both -MailFrom and -MailTo, or neither to post to Teams only."));
            }
            if (MailTo.All(string.IsNullOrWhiteSpace)) ThrowTerminatingError(ErrorRecords.Argument("InvalidMailRecipient", "-MailTo holds no address.", MailTo, null));
            _connection = RequireConnection();
        }

        protected override void ProcessRecord() => PipelineInput.CollectHealthResults(this, InputObject, _results, "UnsupportedAlertInput");

        protected override void EndProcessing()
        {
            var decision = AlertDecision.Make(_results, MinimumStatus, DateTimeOffset.UtcNow, Title, _store != null, _previous, AlwaysSend);
            foreach (var line in decision.Verbose) WriteVerbose(line);
            if (!decision.Send)
            {
                WriteNotSent(decision.Selection, decision.NotSentWhy!);
                return;
            }
            var ok = true;
            var attempted = false;
            if (UsesTeams) ok &= SendTeams(decision.Selection, ref attempted);
            if (UsesMail) ok &= SendMail(decision.Selection, ref attempted);
            // Saved only when every channel took the alert: a failed channel must see the same changes next run.
            if (decision.Next == null || !attempted || !ok) return;
            try
            {
                WriteVerbose(_store!.Save(decision.Next, e => e is RuntimeException));
            }
            catch (AlertStateException e)
            {
                WriteError(ErrorRecords.FromCause(e));
            }
        }

        private void WriteNotSent(AlertSelection selection, string why)
        {
            if (!PassThru) return;
            if (UsesTeams) WriteObject(AlertResult.ForNotSent(AlertDeliveryException.Channel, selection, why));
            if (UsesMail) WriteObject(AlertResult.ForNotSent(AlertMailTooLargeException.Channel, selection, why));
        }

        private bool SendTeams(AlertSelection selection, ref bool attempted)
            => Deliver($"Teams webhook {WebhookUrl.Redact(_webhook!)}", $"Post the alert card ({selection.Summary})", null, ref attempted,
                (pipe, ct) => AlertChannels.PostTeamsAsync(selection, _webhook!, pipe.WriteVerbose, ct));

        private bool SendMail(AlertSelection selection, ref bool attempted)
        {
            var recipients = MailTo.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()).ToArray();
            return Deliver($"mail from {MailFrom} to {string.Join(", ", recipients)}", $"Send the alert ({selection.Summary}) through Graph sendMail", MailFrom, ref attempted,
                (pipe, ct) => AlertChannels.SendMailAsync(new AdeGraphService(_connection!), selection, MailFrom, recipients, pipe.WriteVerbose, ct));
        }

        // One channel: confirm, send, and report. A Graph failure's target is the sender; the others name their channel.
        private bool Deliver(string target, string action, object? graphTarget, ref bool attempted, Func<AsyncPipe, System.Threading.CancellationToken, System.Threading.Tasks.Task<AlertResult>> send)
        {
            if (!ShouldProcess(target, action)) return true;
            attempted = true;
            try
            {
                var result = RunAsync(send);
                if (PassThru) WriteObject(result);
                return true;
            }
            catch (AdeException e)
            {
                WriteError(ErrorRecords.FromOr(e, graphTarget));
                return false;
            }
        }
    }
}
