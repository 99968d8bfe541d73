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

        /// <summary>
        /// The largest sendMail request this module sends, in bytes of JSON. Graph answers a larger request with 413
        /// ("The maximum request length supported is 4MB"), and Microsoft Learn's "Attach large files to Outlook
        /// messages" puts the single-request limit for an attachment at 3 MB; a 3 MB budget keeps clear of both.
        /// </summary>
        public const int MaxRequestBytes = 3 * 1024 * 1024;

        /// <summary>
        /// The sendMail request body: subject, the HTML report of the selected results inline as the body (with the
        /// "changed since the last alert" lines on top when the alert is tracked), recipients. When the full report
        /// would make the request larger than <see cref="MaxRequestBytes"/>, a compact report (no timeline, no steps)
        /// is sent instead; when even that is too large, AlertMailTooLargeException.
        /// </summary>
        public static SendMailPostRequestBody Build(AlertSelection selection, IEnumerable<string> to)
        {
            if (selection is null) throw new ArgumentNullException(nameof(selection));
            var recipients = (to ?? throw new ArgumentNullException(nameof(to))).Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()).ToList();
            if (recipients.Count == 0) throw new ArgumentException("Give at least one recipient.", nameof(to));
            var report = selection.HasAlert ? selection.Selected : selection.All;
            var notice = selection.ChangeLines();
            SendMailPostRequestBody Make(bool compact) => new SendMailPostRequestBody
            {
                Message = new Message
                {
                    Subject = selection.Subject,
                    Importance = selection.HasAlert && selection.Selected.HighestStatus == HealthStatus.Critical ? Importance.High : Importance.Normal,
                    Body = new ItemBody { ContentType = BodyType.Html, Content = HtmlReportRenderer.Render(report, notice, compact) },
                    ToRecipients = recipients.Select(a => new Recipient { EmailAddress = new EmailAddress { Address = a } }).ToList(),
                },
                SaveToSentItems = false,
            };
            var full = Make(compact: false);
            var size = RequestBytes(full);
            if (size <= MaxRequestBytes) return full;
            var compactBody = Make(compact: true);
            var compactSize = RequestBytes(compactBody);
            if (compactSize <= MaxRequestBytes) return compactBody;
            throw new AlertMailTooLargeException(compactSize, MaxRequestBytes);
        }

        /// <summary>The size of the request as the Graph client serializes it (Kiota's JSON writer), in bytes.</summary>
        public static long RequestBytes(SendMailPostRequestBody body)
        {
            using var writer = new Microsoft.Kiota.Serialization.Json.JsonSerializationWriter();
            writer.WriteObjectValue(null, body);
            using var stream = writer.GetSerializedContent();
            return stream.Length;
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

    /// <summary>The alert mail would exceed sendMail's request size even as a compact report.</summary>
    public sealed class AlertMailTooLargeException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public AlertMailTooLargeException(long size, long limit)
            : base($"The alert mail would be {size.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} bytes, more than the {limit.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} bytes this module sends through Graph sendMail, even without the timeline and the steps. No mail was sent.")
        {
            Size = size;
            Limit = limit;
        }

        /// <summary>The size of the smallest mail that could be made.</summary>
        public long Size { get; }
        /// <summary>The budget.</summary>
        public long Limit { get; }
    }
}
