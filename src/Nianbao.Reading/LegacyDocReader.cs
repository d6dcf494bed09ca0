namespace Nianbao.Reading;

/// <summary>
/// Legacy Word and WPS documents (OLE2 compound files: .doc, .wps): LibreOffice converts them to DOCX, which
/// <see cref="DocxReader"/> reads. Each conversion has its own LibreOffice profile, so parallel conversions do not
/// wait on (or break) one another's lock.
/// </summary>
public sealed class LegacyDocReader(IReadOnlyList<string> candidates) : IDocumentReader
{
    public const string MethodName = "docx-via-libreoffice";

    /// <summary>Debian's program names; the package named when neither is installed.</summary>
    public static readonly LegacyDocReader Instance = new(["soffice", "libreoffice"]);

    public const string Package = "libreoffice-writer-nogui";

    /// <summary>A cold LibreOffice start with a fresh profile takes 5–15 s; a document that takes longer is not a report.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(180);

    public FileFormat Format => FileFormat.Doc;

    public bool Accepts(DocumentInput input) => input.Sniffed == FileFormat.Doc;

    public ReadResult Read(DocumentInput input) => Read(input.Bytes);

    public ReadResult Read(byte[] bytes)
    {
        var dir = Directory.CreateTempSubdirectory("nianbao-doc-");
        try
        {
            var path = Path.Combine(dir.FullName, "in.doc");
            File.WriteAllBytes(path, bytes);
            var outDir = Path.Combine(dir.FullName, "out");
            var profile = new Uri(Path.Combine(dir.FullName, "profile")).AbsoluteUri;
            var output = ExternalTool.Run(candidates, Package,
                ["--headless", "--norestore", $"-env:UserInstallation={profile}", "--convert-to", "docx", "--outdir", outDir, path], Timeout);
            var docx = Path.Combine(outDir, "in.docx");
            if (output.ExitCode != 0 || !File.Exists(docx))
                return ReadResult.Fail(FileFormat.Doc, ReadErrorCode.Corrupt, "DOC/WPS 文件已损坏或不是 Word/WPS 文字文档，LibreOffice 无法转换");
            var read = DocxReader.Instance.Read(File.ReadAllBytes(docx));
            return read.Document is { } doc
                ? new ReadResult(FileFormat.Doc, doc with { Format = FileFormat.Doc, Method = MethodName }, null)
                : read with { Format = FileFormat.Doc };
        }
        catch (ExternalToolException e)
        {
            return ReadResult.Fail(FileFormat.Doc, ReadErrorCode.Tool, e.Message);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
