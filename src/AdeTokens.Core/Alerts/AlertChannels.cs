using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AdeTokens.Graph;

namespace AdeTokens.Alerts
{
    /// <summary>The two ways an alert goes out: the Teams card through the webhook, and the mail through Graph sendMail.</summary>
    public static class AlertChannels
    {
        /// <summary>Posts the card for <paramref name="selection"/>. Throws AlertDeliveryException.</summary>
        public static async Task<AlertResult> PostTeamsAsync(AlertSelection selection, Uri webhook, Action<string>? log, CancellationToken cancellationToken)
        {
            var delivery = await new WebhookSender().PostAsync(webhook, TeamsCard.Build(selection), log, cancellationToken).ConfigureAwait(false);
            return AlertResult.ForSent(AlertDeliveryException.Channel, selection, delivery.StatusCode, delivery.Attempts, Array.Empty<string>());
        }

        /// <summary>Sends the mail for <paramref name="selection"/> as <paramref name="from"/>. Throws AlertMailTooLargeException or AdeGraphException.</summary>
        public static async Task<AlertResult> SendMailAsync(AdeGraphService service, AlertSelection selection, string from, IReadOnlyList<string> recipients, Action<string>? log, CancellationToken cancellationToken)
        {
            if (service is null) throw new ArgumentNullException(nameof(service));
            var body = AlertMail.Build(selection, recipients);
            await service.SendMailAsync(from, body, cancellationToken).ConfigureAwait(false);
            log?.Invoke($"Graph accepted the alert mail from {from} to {string.Join(", ", recipients)} ({AlertMail.RequestBytes(body).ToString("N0", CultureInfo.InvariantCulture)} bytes).");
            return AlertResult.ForSent(AlertMailTooLargeException.Channel, selection, 202, 1, recipients.ToArray());
        }
    }
}
