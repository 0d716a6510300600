"""Reference facts: sectors, the London Plan sub-regions and the 33 London local authorities."""

from django.db import migrations

SECTORS = [
    ("Local authority", "local-authority"),
    ("NHS", "nhs"),
    ("Police", "police"),
    ("Fire and rescue", "fire"),
    ("Housing / RSL", "housing"),
    ("Voluntary and community", "voluntary"),
    ("Education", "education"),
    ("Central and regional government", "government"),
    ("Private sector", "private"),
]

# (name, slug, web site) by London Plan sub-region.
AUTHORITIES = {
    "Central": [
        ("London Borough of Camden", "camden", "https://www.camden.gov.uk/"),
        ("City of London Corporation", "city-of-london", "https://www.cityoflondon.gov.uk/"),
        ("London Borough of Islington", "islington", "https://www.islington.gov.uk/"),
        (
            "Royal Borough of Kensington and Chelsea",
            "kensington-and-chelsea",
            "https://www.rbkc.gov.uk/",
        ),
        ("London Borough of Lambeth", "lambeth", "https://www.lambeth.gov.uk/"),
        ("London Borough of Southwark", "southwark", "https://www.southwark.gov.uk/"),
        ("Westminster City Council", "westminster", "https://www.westminster.gov.uk/"),
    ],
    "East": [
        (
            "London Borough of Barking and Dagenham",
            "barking-and-dagenham",
            "https://www.lbbd.gov.uk/",
        ),
        ("London Borough of Bexley", "bexley", "https://www.bexley.gov.uk/"),
        ("Royal Borough of Greenwich", "greenwich", "https://www.royalgreenwich.gov.uk/"),
        ("London Borough of Hackney", "hackney", "https://www.hackney.gov.uk/"),
        ("London Borough of Havering", "havering", "https://www.havering.gov.uk/"),
        ("London Borough of Lewisham", "lewisham", "https://www.lewisham.gov.uk/"),
        ("London Borough of Newham", "newham", "https://www.newham.gov.uk/"),
        ("London Borough of Redbridge", "redbridge", "https://www.redbridge.gov.uk/"),
        ("London Borough of Tower Hamlets", "tower-hamlets", "https://www.towerhamlets.gov.uk/"),
        ("London Borough of Waltham Forest", "waltham-forest", "https://www.walthamforest.gov.uk/"),
    ],
    "North": [
        ("London Borough of Barnet", "barnet", "https://www.barnet.gov.uk/"),
        ("London Borough of Enfield", "enfield", "https://www.enfield.gov.uk/"),
        ("London Borough of Haringey", "haringey", "https://www.haringey.gov.uk/"),
    ],
    "South": [
        ("London Borough of Bromley", "bromley", "https://www.bromley.gov.uk/"),
        ("London Borough of Croydon", "croydon", "https://www.croydon.gov.uk/"),
        (
            "Royal Borough of Kingston upon Thames",
            "kingston-upon-thames",
            "https://www.kingston.gov.uk/",
        ),
        ("London Borough of Merton", "merton", "https://www.merton.gov.uk/"),
        (
            "London Borough of Richmond upon Thames",
            "richmond-upon-thames",
            "https://www.richmond.gov.uk/",
        ),
        ("London Borough of Sutton", "sutton", "https://www.sutton.gov.uk/"),
        ("London Borough of Wandsworth", "wandsworth", "https://www.wandsworth.gov.uk/"),
    ],
    "West": [
        ("London Borough of Brent", "brent", "https://www.brent.gov.uk/"),
        ("London Borough of Ealing", "ealing", "https://www.ealing.gov.uk/"),
        (
            "London Borough of Hammersmith and Fulham",
            "hammersmith-and-fulham",
            "https://www.lbhf.gov.uk/",
        ),
        ("London Borough of Harrow", "harrow", "https://www.harrow.gov.uk/"),
        ("London Borough of Hillingdon", "hillingdon", "https://www.hillingdon.gov.uk/"),
        ("London Borough of Hounslow", "hounslow", "https://www.hounslow.gov.uk/"),
    ],
}


def load(apps, schema_editor):
    sector_model = apps.get_model("partners", "Sector")
    sub_region_model = apps.get_model("partners", "SubRegion")
    organisation_model = apps.get_model("partners", "Organisation")
    for order, (name, slug) in enumerate(SECTORS):
        sector_model.objects.update_or_create(slug=slug, defaults={"name": name, "order": order})
    local_authority = sector_model.objects.get(slug="local-authority")
    for order, (region_name, authorities) in enumerate(AUTHORITIES.items()):
        region, _ = sub_region_model.objects.update_or_create(
            slug=region_name.lower(), defaults={"name": region_name, "order": order}
        )
        for name, slug, website in authorities:
            organisation_model.objects.update_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "sector": local_authority,
                    "sub_region": region,
                    "is_local_authority": True,
                    "website": website,
                },
            )


def unload(apps, schema_editor):
    slugs = [slug for authorities in AUTHORITIES.values() for _name, slug, _site in authorities]
    apps.get_model("partners", "Organisation").objects.filter(slug__in=slugs).delete()


class Migration(migrations.Migration):
    dependencies = [("partners", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
