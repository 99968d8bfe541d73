using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Graph.Users.Item.SendMail;

namespace AdeTokens.Graph
{
    // sendMail through the typed v1.0 client, so the alert mail gets the same middleware, budget and error mapping
    // as every Intune call.
    public sealed partial class AdeGraphService
    {
        /// <summary>The Graph permission sendMail needs (application: any mailbox; delegated: the user's own).</summary>
        public const string MailPermission = "Mail.Send";

        // Intune roles mean nothing for mail; an Exchange policy can limit an app's mailboxes.
        private const string MailDeniedNeed = " (application or delegated); with an application permission, an Exchange Online application access policy may also limit which mailboxes it can send as.";

        /// <summary>Sends <paramref name="body"/> as <paramref name="from"/> (UPN or object id). Graph failures become AdeGraphException.</summary>
        public async Task SendMailAsync(string from, SendMailPostRequestBody body, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(from)) throw new ArgumentException("The sender is empty.", nameof(from));
            if (body is null) throw new ArgumentNullException(nameof(body));
            try
            {
                await _connection.Client.Users[from].SendMail.PostAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                var mapped = GraphErrorMapper.Map(e, $"send the alert mail as {from}", MailPermission, MailDeniedNeed,
                    $"Grant the Graph permission {MailPermission} to the app or managed identity (admin consent), or sign in with -Scopes {MailPermission}, then run Connect-AdeGraph again.");
                if (ReferenceEquals(mapped, e)) throw;
                throw mapped;
            }
        }
    }
}
