using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AdeTokens.Graph;
using AdeTokens.Reporting;
using Microsoft.Graph.Models;
using Microsoft.Graph.Users.Item.SendMail;

namespace AdeTokens.Alerts
{
    /// <summary>The alert as a mail sent through Graph sendMail, with the HTML report as its body.</summary>
    public static class AlertMail
    {
        /// <summary>The Graph permission sendMail needs (application: any mailbox; delegated: the user's own).</summary>
        public const string Permission = "Mail.Send";

        /// <summary>The sendMail request body: subject, HTML body (the report of the selected results), recipients.</summary>
        public static SendMailPostRequestBody Build(AlertSelection selection, IEnumerable<string> to)
        {
            if (selection is null) throw new ArgumentNullException(nameof(selection));
            var recipients = (to ?? throw new ArgumentNullException(nameof(to))).Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()).ToList();
            if (recipients.Count == 0) throw new ArgumentException("Give at least one recipient.", nameof(to));
            var report = selection.HasAlert ? selection.Selected : selection.All;
            return new SendMailPostRequestBody
            {
                Message = new Message
                {
                    Subject = selection.Subject,
                    Importance = selection.HasAlert && selection.Selected.HighestStatus == HealthStatus.Critical ? Importance.High : Importance.Normal,
                    Body = new ItemBody { ContentType = BodyType.Html, Content = HtmlReportRenderer.Render(report) },
                    ToRecipients = recipients.Select(a => new Recipient { EmailAddress = new EmailAddress { Address = a } }).ToList(),
                },
                SaveToSentItems = false,
            };
        }

        /// <summary>Sends <paramref name="body"/> as <paramref name="from"/> (UPN or object id). Graph failures become AdeGraphException.</summary>
        public static async Task SendAsync(AdeGraphConnection connection, string from, SendMailPostRequestBody body, CancellationToken cancellationToken)
        {
            if (connection is null) throw new ArgumentNullException(nameof(connection));
            if (string.IsNullOrWhiteSpace(from)) throw new ArgumentException("The sender is empty.", nameof(from));
            try
            {
                await connection.Client.Users[from].SendMail.PostAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                var mapped = GraphErrorMapper.Map(e, $"send the alert mail as {from}", Permission);
                if (ReferenceEquals(mapped, e)) throw;
                if (mapped is AdeGraphException g && g.Kind == GraphFailureKind.PermissionDenied)
                {
                    // The shared mapper speaks of Intune roles, which mean nothing for mail.
                    throw new AdeGraphException(g.Message.Replace(" and an Intune role that covers Apple enrollment programs",
                        "; with an application permission, an Exchange Online application access policy may also limit which mailboxes it can send as"), g.Kind, e)
                    {
                        StatusCode = g.StatusCode, GraphErrorCode = g.GraphErrorCode, RequestId = g.RequestId, ClientRequestId = g.ClientRequestId,
                        RequiredPermission = Permission, Operation = g.Operation,
                        RecommendedAction = $"Grant the Graph permission {Permission} to the app or managed identity (admin consent), or sign in with -Scopes {Permission}, then run Connect-AdeGraph again.",
                    };
                }
                throw mapped;
            }
        }
    }
}
