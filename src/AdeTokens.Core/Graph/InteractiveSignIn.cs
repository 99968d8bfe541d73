using System;
using System.Threading;
using System.Threading.Tasks;

namespace AdeTokens.Graph
{
    /// <summary>Connects, and for a browser sign-in says so when it takes long: on a machine without a browser it would sit mute.</summary>
    public static class InteractiveSignIn
    {
        /// <summary>A short while: a browser sign-in with MFA usually takes longer, so the hint is a suggestion, not an error.</summary>
        public static readonly TimeSpan HintDelay = TimeSpan.FromSeconds(20);

        /// <summary>Said before a browser sign-in: Azure.Identity opens the browser silently, and on a machine without one the command would sit mute.</summary>
        public const string BrowserNotice = "Opening a browser to sign in to Microsoft Entra ID. Finish the sign-in there; no browser on this machine? Press Ctrl+C and run Connect-AdeGraph -UseDeviceCode.";

        /// <summary>The hint for a browser sign-in still waiting after <see cref="HintDelay"/>.</summary>
        public static string Hint => $"Still waiting for the browser sign-in after {HintDelay.TotalSeconds:0} s. If no browser opened (a server, an SSH session or a container), press Ctrl+C and run Connect-AdeGraph -UseDeviceCode -TenantId <tenant> instead.";

        /// <summary>
        /// Connects with <paramref name="options"/>; <paramref name="onSlow"/> hears the hint once for an interactive
        /// sign-in that is still open, <paramref name="onDeviceCode"/> the device-code message. Both are called on a
        /// worker thread: queue, don't write.
        /// </summary>
        public static async Task<AdeGraphConnection> ConnectAsync(ConnectOptions options, Action<string> onSlow, Action<string>? onDeviceCode, CancellationToken cancellationToken)
        {
            if (options is null) throw new ArgumentNullException(nameof(options));
            if (onDeviceCode != null)
                options.DeviceCodeCallback = (message, _) =>
                {
                    onDeviceCode(message);
                    return Task.CompletedTask;
                };
            var connect = AdeGraphConnection.ConnectAsync(options, cancellationToken);
            if (options.AuthType != AuthType.Interactive) return await connect.ConfigureAwait(false);
            using (var hintCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                var hint = Task.Delay(HintDelay, hintCancel.Token);
                if (await Task.WhenAny(connect, hint).ConfigureAwait(false) == hint && !hint.IsCanceled) onSlow(Hint);
                hintCancel.Cancel();
            }
            return await connect.ConfigureAwait(false);
        }
    }
}
