using System.Buffers.Binary;

namespace Nianbao.Web.Uploads;

/// <summary>
/// The number of entries a zip declares in its end-of-central-directory record (zip64 included), read from the last
/// bytes of the file alone. <see cref="System.IO.Compression.ZipArchive"/> loads every central-directory entry into
/// memory as soon as its entries are looked at, so an archive of a million tiny entries must be refused before that;
/// the count read here is the one ZipArchive itself holds the directory to (it refuses a mismatch).
/// </summary>
public static class ZipDirectory
{
    private const uint EndSignature = 0x06054b50, Zip64LocatorSignature = 0x07064b50, Zip64EndSignature = 0x06064b50;
    private const int EndSize = 22, Zip64LocatorSize = 20, MaxComment = ushort.MaxValue;

    /// <summary>The declared entry count, or null when no end record is found (ZipArchive then says what is wrong).</summary>
    public static long? EntryCount(Stream zip)
    {
        var tailLength = (int)Math.Min(zip.Length, EndSize + MaxComment + Zip64LocatorSize);
        var tail = new byte[tailLength];
        zip.Seek(-tailLength, SeekOrigin.End);
        zip.ReadExactly(tail);
        // The end record is the last signature whose comment length reaches exactly the end of the file.
        for (var at = tailLength - EndSize; at >= 0; at--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(at)) != EndSignature) continue;
            if (at + EndSize + BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(at + 20)) != tailLength) continue;
            long count = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(at + 10));
            if (count != ushort.MaxValue) return count;
            return Zip64Count(zip, tail, at, tailLength) ?? count;
        }
        return null;
    }

    /// <summary>The zip64 end record's count, found through the locator just before the end record.</summary>
    private static long? Zip64Count(Stream zip, byte[] tail, int end, int tailLength)
    {
        var locator = end - Zip64LocatorSize;
        if (locator < 0 || BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(locator)) != Zip64LocatorSignature) return null;
        var offset = BinaryPrimitives.ReadInt64LittleEndian(tail.AsSpan(locator + 8));
        if (offset < 0 || offset > zip.Length - 56) return null;
        var record = new byte[56];
        zip.Seek(offset, SeekOrigin.Begin);
        zip.ReadExactly(record);
        if (BinaryPrimitives.ReadUInt32LittleEndian(record) != Zip64EndSignature) return null;
        var count = BinaryPrimitives.ReadInt64LittleEndian(record.AsSpan(32));
        return count < 0 ? long.MaxValue : count;
    }
}
