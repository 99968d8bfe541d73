using System;
using System.Collections.Generic;
using System.Linq;
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
        public const string Permission = AdeGraphService.MailPermission;

        /// <summary>
        /// The largest sendMail request this module sends, in bytes of JSON. Graph answers a larger request with 413
        /// ("The maximum request length supported is 4MB"), and Microsoft Learn's "Attach large files to Outlook
        /// messages" puts the single-request limit for an attachment at 3 MB; a 3 MB budget keeps clear of both.
        /// </summary>
        public const int MaxRequestBytes = 3 * 1024 * 1024;

        /// <summary>The name of the attached copy of the report.</summary>
        public const string AttachmentName = "ade-token-report.html";

        /// <summary>
        /// The sendMail request body: subject, the HTML report of the selected results inline as the body (with the
        /// "changed since the last alert" lines on top when the alert is tracked) and attached as a file, recipients.
        /// When that would make the request larger than <see cref="MaxRequestBytes"/>, the attachment is left out; then
        /// a compact report (no timeline, no steps) is sent instead; when even that is too large, AlertMailTooLargeException.
        /// </summary>
        public static SendMailPostRequestBody Build(AlertSelection selection, IEnumerable<string> to)
        {
            if (selection is null) throw new ArgumentNullException(nameof(selection));
            var recipients = (to ?? throw new ArgumentNullException(nameof(to))).Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()).ToList();
            if (recipients.Count == 0) throw new ArgumentException("Give at least one recipient.", nameof(to));
            var report = selection.HasAlert ? selection.Selected : selection.All;
            var notice = selection.ChangeLines();
            SendMailPostRequestBody Make(bool compact, bool attach)
            {
                var html = HtmlReportRenderer.Render(report, notice, compact);
                return new SendMailPostRequestBody
                {
                    Message = new Message
                    {
                        Subject = selection.Subject,
                        Importance = selection.HasAlert && selection.Selected.HighestStatus == HealthStatus.Critical ? Importance.High : Importance.Normal,
                        Body = new ItemBody { ContentType = BodyType.Html, Content = html },
                        ToRecipients = recipients.Select(a => new Recipient { EmailAddress = new EmailAddress { Address = a } }).ToList(),
                        // The same page as a file too: mail clients drop its style and SVG, a browser opened from the
                        // attachment shows and prints it whole.
                        Attachments = attach
                            ? new List<Attachment> { new FileAttachment { Name = AttachmentName, ContentType = "text/html", ContentBytes = System.Text.Encoding.UTF8.GetBytes(html) } }
                            : null,
                    },
                    SaveToSentItems = false,
                };
            }
            foreach (var (compact, attach) in new[] { (false, true), (false, false), (true, false) })
            {
                var candidate = Make(compact, attach);
                if (RequestBytes(candidate) <= MaxRequestBytes) return candidate;
            }
            var compactSize = RequestBytes(Make(compact: true, attach: false));
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
    }
}
