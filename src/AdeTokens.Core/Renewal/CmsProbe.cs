using System;
using System.Formats.Asn1;

namespace AdeTokens.Renewal
{
    /// <summary>
    /// Looks at the shape of BER data without decoding it. EnvelopedCms only says "invalid" for any bad input; this
    /// tells a file that stops before its structure does (cut off in download) from one whose lengths disagree
    /// (altered), and finds where the structure ends so trailing data is caught the same way on every runtime.
    /// </summary>
    internal static class CmsProbe
    {
        internal enum Shape
        {
            Complete,
            EndsEarly,
            Malformed,
        }

        private const int MaxDepth = 64;

        /// <summary>Reads the outer content type OID of a ContentInfo even when the rest of the data is missing.</summary>
        internal static Shape PeekContentType(byte[] data, out string? oid)
        {
            oid = null;
            Shape outer = ReadHeader(data, 0, out _, out _, out int outerHeader);
            if (outer != Shape.Complete)
            {
                return outer;
            }

            if (outerHeader >= data.Length)
            {
                return Shape.EndsEarly;
            }

            if (data[outerHeader] != 0x06)
            {
                return Shape.Malformed;
            }

            Shape inner = ReadHeader(data, outerHeader, out _, out int length, out int innerHeader);
            if (inner != Shape.Complete)
            {
                return inner;
            }

            if (length <= 0)
            {
                return Shape.Malformed;
            }

            if (outerHeader + innerHeader + length > data.Length)
            {
                return Shape.EndsEarly;
            }

            try
            {
                oid = AsnDecoder.ReadObjectIdentifier(new ReadOnlySpan<byte>(data, outerHeader, innerHeader + length), AsnEncodingRules.BER, out _);
                return Shape.Complete;
            }
            catch (AsnContentException)
            {
                return Shape.Malformed;
            }
        }

        /// <summary>Walks the tag-length-value structure of the first element; <paramref name="end"/> is where it stops.</summary>
        internal static Shape Walk(byte[] data, out int end)
        {
            end = 0;
            return WalkElement(data, ref end, data.Length, 0);
        }

        private static Shape WalkElement(byte[] data, ref int pos, int limit, int depth)
        {
            if (pos >= data.Length)
            {
                return Shape.EndsEarly;
            }

            if (pos >= limit || depth > MaxDepth)
            {
                return Shape.Malformed;
            }

            Shape header = ReadHeader(data, pos, out bool constructed, out int length, out int headerLength);
            if (header != Shape.Complete)
            {
                return header;
            }

            pos += headerLength;
            if (length < 0)
            {
                // Indefinite length: children up to the end-of-contents octets 00 00.
                while (true)
                {
                    if (pos + 2 > data.Length)
                    {
                        return Shape.EndsEarly;
                    }

                    if (data[pos] == 0 && data[pos + 1] == 0)
                    {
                        pos += 2;
                        return pos > limit ? Shape.Malformed : Shape.Complete;
                    }

                    Shape child = WalkElement(data, ref pos, limit, depth + 1);
                    if (child != Shape.Complete)
                    {
                        return child;
                    }
                }
            }

            if ((long)pos + length > data.Length)
            {
                return Shape.EndsEarly;
            }

            int contentEnd = pos + length;
            if (contentEnd > limit)
            {
                return Shape.Malformed;
            }

            while (constructed && pos < contentEnd)
            {
                // Inside a definite length that fits in the data, running out means the lengths disagree.
                if (WalkElement(data, ref pos, contentEnd, depth + 1) != Shape.Complete)
                {
                    return Shape.Malformed;
                }
            }

            pos = contentEnd;
            return Shape.Complete;
        }

        /// <summary>Reads one identifier and length; <paramref name="length"/> is -1 for an indefinite length.</summary>
        private static Shape ReadHeader(byte[] data, int pos, out bool constructed, out int length, out int headerLength)
        {
            constructed = false;
            length = 0;
            headerLength = 0;
            Asn1Tag tag;
            int tagLength;
            try
            {
                if (pos >= data.Length || !Asn1Tag.TryDecode(new ReadOnlySpan<byte>(data, pos, data.Length - pos), out tag, out tagLength))
                {
                    return Shape.EndsEarly;
                }
            }
            catch (AsnContentException)
            {
                return Shape.Malformed;
            }

            constructed = tag.IsConstructed;
            int p = pos + tagLength;
            if (p >= data.Length)
            {
                return Shape.EndsEarly;
            }

            byte first = data[p++];
            if (first == 0x80)
            {
                length = -1;
                if (!constructed)
                {
                    return Shape.Malformed;
                }
            }
            else if (first < 0x80)
            {
                length = first;
            }
            else
            {
                int count = first & 0x7F;
                if (count > 3)
                {
                    return Shape.Malformed; // over 16 MB: never a server token
                }

                if (p + count > data.Length)
                {
                    return Shape.EndsEarly;
                }

                for (int i = 0; i < count; i++)
                {
                    length = (length << 8) | data[p++];
                }
            }

            headerLength = p - pos;
            return Shape.Complete;
        }
    }
}
