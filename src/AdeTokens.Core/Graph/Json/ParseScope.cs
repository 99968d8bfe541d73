using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace AdeTokens.Graph.Json
{
    /// <summary>
    /// What the nodes of one document share while it is read (one thread, one response): the property names seen so
    /// far, and per name the last short string value. A page repeats the same dozen names for each of its thousand
    /// objects, and values such as a platform, an enrollment state or a profile id from one object to the next.
    /// </summary>
    internal sealed class ParseScope
    {
        // Past this many distinct names (a document of free-form keys) names are read as Kiota reads them.
        private const int MaxNames = 256;
        // Longer values (descriptions) rarely repeat; comparing them first would cost more than it saves.
        private const int MaxSharedValueLength = 64;

        private readonly List<string> _names = new List<string>();
        private readonly List<byte[]> _utf8 = new List<byte[]>();
        private readonly List<string?> _lastValue = new List<string?>();
        private int _lastHit = -1;

        /// <summary>The property's name, and its slot (-1 when not cached).</summary>
        [MethodImpl(HotPath.FullyOptimized)]
        public int Name(JsonProperty property, out string name)
        {
            var n = _names.Count;
            // Objects of one array list their properties in the same order: the name after the last one found is
            // the likeliest, so try that first.
            var i = _lastHit + 1 < n ? _lastHit + 1 : 0;
            for (var k = 0; k < n; k++)
            {
                if (property.NameEquals(_utf8[i]))
                {
                    _lastHit = i;
                    name = _names[i];
                    return i;
                }
                i = i + 1 == n ? 0 : i + 1;
            }
            name = property.Name;
            if (n >= MaxNames) return -1;
            _names.Add(name);
            _utf8.Add(Encoding.UTF8.GetBytes(name));
            _lastValue.Add(null);
            _lastHit = n;
            return n;
        }

        /// <summary>A string element's value: the instance read last for this property name when the text is the same.</summary>
        [MethodImpl(HotPath.FullyOptimized)]
        public string? String(JsonElement element, int slot)
        {
            if (slot < 0) return element.GetString();
            var last = _lastValue[slot];
            if (last != null && element.ValueEquals(last)) return last;
            var value = element.GetString();
            _lastValue[slot] = value != null && value.Length <= MaxSharedValueLength ? value : null;
            return value;
        }
    }
}
