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

        /// <summary>The hint for a browser sign-in still waiting after <see cref="HintDelay"/>.</summary>
        public static string Hint => $"Still waiting for the browser sign-in after {HintDelay.TotalSeconds:0} s. If no browser opened (a server, an SSH session or a container), press Ctrl+C and run Connect-AdeGraph -UseDeviceCode -TenantId <tenant> instead.";

        /// <summary>Connects with <paramref name="options"/>; <paramref name="onSlow"/> hears the hint once for an interactive sign-in that is still open.</summary>
        public static async Task<AdeGraphConnection> ConnectAsync(ConnectOptions options, Action<string> onSlow, CancellationToken cancellationToken)
        {
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
