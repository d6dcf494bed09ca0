using Nianbao.Recognition;
using Nianbao.Template;

namespace Nianbao.Tests;

/// <summary>The edition extension point: which editions exist is Data/editions.json, and the code loops over it.</summary>
public class EditionCatalogTests
{
    private static readonly Edition Made = (Edition)2031;

    private static TemplateCatalog ThirdEdition() =>
        TemplateCatalog.WithEditions(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Editions", "third-edition.json")));

    [Fact]
    public void The_shipped_editions_come_from_the_data()
    {
        var c = TemplateCatalog.Default;
        Assert.Equal(["2019", "2021"], c.EditionCodes);
        Assert.Null(c.EditionFor(2018));
        Assert.Equal([Edition.E2019, Edition.E2019, Edition.E2021, Edition.E2021],
            new[] { 2019, 2020, 2021, 2030 }.Select(y => c.EditionFor(y)));
        Assert.Equal(Edition.E2021, c.ParseEdition("2021"));
        Assert.Null(c.ParseEdition("2031"));
    }

    [Fact]
    public void A_made_up_third_edition_is_chosen_by_year()
    {
        var c = ThirdEdition();
        Assert.Equal(["2019", "2021", "2031"], c.EditionCodes);
        Assert.Equal(Edition.E2021, c.EditionFor(2030));
        Assert.Equal(Made, c.EditionFor(2031));
        Assert.Equal(Made, c.EditionFor(2040));
        Assert.Equal(Made, c.ParseEdition("2031"));
        // Its cells are the rows its "cells" tags select in cells.tsv.
        Assert.Equal(c[Edition.E2021].Cells.Select(x => x.Key), c[Made].Cells.Select(x => x.Key));
    }

    [Fact]
    public void A_made_up_third_edition_is_detected_by_its_fingerprints()
    {
        // Two 2021 words and three of the made-up edition's.
        const string tables = "行政规范性文件 本年制发件数 本年新设件数 本年撤销件数 期末有效件数";
        Assert.Equal(Edition.E2021, EditionDetector.Detect(tables, TemplateCatalog.Default));
        Assert.Equal(Made, EditionDetector.Detect(tables, ThirdEdition()));
        // A tie names no edition.
        Assert.Null(EditionDetector.Detect("行政规范性文件 本年制发件数 本年新设件数 本年撤销件数", ThirdEdition()));
    }

    [Fact]
    public void Editions_must_be_distinct_and_have_cells()
    {
        Assert.Throws<InvalidDataException>(() => TemplateCatalog.WithEditions("""{"editions": []}"""));
        Assert.Throws<InvalidDataException>(() => TemplateCatalog.WithEditions(
            """{"editions": [{"code": 2040, "name": "x", "basis": "x", "firstYear": 2040, "cells": ["none"], "fingerprints": []}]}"""));
    }
}
