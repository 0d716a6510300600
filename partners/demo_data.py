"""Demo content for ``manage.py load_demo``: plain data, no database access.

Everything is keyed so that loading it again updates rather than duplicates: organisations
and groups by slug, projects by title (the model makes the slug), users by username.
Organisations are referred to by slug; the 33 London authorities come from the data migration
``partners/migrations/0002_reference_data.py``. Long texts are written as wrapped, indented
blocks: the loader joins the lines of each paragraph and keeps blank lines between paragraphs.
"""

from partners.roles import EDITOR, MODERATOR, PARTNER_OFFICER, STEERING_GROUP

# A published demo password, not a secret: demo accounts must never exist in production.
DEMO_PASSWORD = "london-connects-demo"  # noqa: S105

THEMES = [
    "smart cards",
    "e-democracy",
    "social inclusion",
    "information sharing",
    "customer relationship management",
    "joint procurement",
    "secure networks",
    "e-payments",
    "digital TV",
    "community web sites",
    "e-learning",
    "electronic service delivery",
    "geographic information",
    "mobile working",
    "e-procurement",
]

ALL_SUB_REGIONS = ["central", "east", "north", "south", "west"]

# Partner organisations other than the 33 London local authorities.
ORGANISATIONS = [
    {
        "slug": "nhs-executive-london",
        "name": "NHS Executive London Regional Office",
        "sector": "nhs",
        "sub_region": None,
        "website": "https://www.doh.gov.uk/london/",
        "description": """
            The regional office of the NHS Executive, which oversees the capital's health
            authorities and trusts and leads on the NHS information strategy in London.
        """,
    },
    {
        "slug": "nhs-information-authority",
        "name": "NHS Information Authority",
        "sector": "nhs",
        "sub_region": None,
        "website": "https://www.nhsia.nhs.uk/",
        "description": """
            The national NHS body that runs NHSnet and builds the information infrastructure
            behind the NHS information strategy.
        """,
    },
    {
        "slug": "london-health-observatory",
        "name": "London Health Observatory",
        "sector": "nhs",
        "sub_region": None,
        "website": "https://www.lho.org.uk/",
        "description": """
            London's public health intelligence service, publishing health statistics and
            analysis for the NHS, the boroughs and the Greater London Authority.
        """,
    },
    {
        "slug": "east-london-and-the-city-ha",
        "name": "East London and The City Health Authority",
        "sector": "nhs",
        "sub_region": "east",
        "website": "https://www.elcha.nhs.uk/",
        "description": """
            The health authority for Hackney, Newham, Tower Hamlets and the City of London.
        """,
    },
    {
        "slug": "camden-and-islington-ha",
        "name": "Camden and Islington Health Authority",
        "sector": "nhs",
        "sub_region": "central",
        "website": "https://www.candiha.nhs.uk/",
        "description": """
            The health authority commissioning NHS services for the people of Camden and
            Islington.
        """,
    },
    {
        "slug": "brent-and-harrow-ha",
        "name": "Brent and Harrow Health Authority",
        "sector": "nhs",
        "sub_region": "west",
        "website": "https://www.brentharrow-ha.nhs.uk/",
        "description": """
            The health authority for Brent and Harrow, working with both councils on joint
            health and social care planning.
        """,
    },
    {
        "slug": "barnet-enfield-and-haringey-ha",
        "name": "Barnet, Enfield and Haringey Health Authority",
        "sector": "nhs",
        "sub_region": "north",
        "website": "https://www.behha.nhs.uk/",
        "description": """
            The health authority covering the three north London boroughs of Barnet, Enfield
            and Haringey.
        """,
    },
    {
        "slug": "newham-pct",
        "name": "Newham Primary Care Trust",
        "sector": "nhs",
        "sub_region": "east",
        "website": "https://www.newhampct.nhs.uk/",
        "description": """
            The primary care trust responsible for family doctor and community health services
            in Newham.
        """,
    },
    {
        "slug": "croydon-pct",
        "name": "Croydon Primary Care Trust",
        "sector": "nhs",
        "sub_region": "south",
        "website": "https://www.croydonpct.nhs.uk/",
        "description": """
            The primary care trust for Croydon, and a partner in the borough's joint care
            records work.
        """,
    },
    {
        "slug": "london-ambulance-service",
        "name": "London Ambulance Service NHS Trust",
        "sector": "nhs",
        "sub_region": None,
        "website": "https://www.londonambulance.nhs.uk/",
        "description": """
            The emergency ambulance service for the whole of Greater London.
        """,
    },
    {
        "slug": "metropolitan-police",
        "name": "Metropolitan Police Service",
        "sector": "police",
        "sub_region": None,
        "website": "https://www.met.police.uk/",
        "description": """
            The police service for the 32 London boroughs, organised in borough operational
            command units that work closely with their councils.
        """,
    },
    {
        "slug": "city-of-london-police",
        "name": "City of London Police",
        "sector": "police",
        "sub_region": "central",
        "website": "https://www.cityoflondon.police.uk/",
        "description": """
            The police service for the Square Mile, with a particular focus on business crime.
        """,
    },
    {
        "slug": "london-fire-brigade",
        "name": "London Fire Brigade",
        "sector": "fire",
        "sub_region": None,
        "website": "https://www.london-fire.gov.uk/",
        "description": """
            London's fire and rescue service, run by the London Fire and Emergency Planning
            Authority.
        """,
    },
    {
        "slug": "greater-london-authority",
        "name": "Greater London Authority",
        "sector": "government",
        "sub_region": None,
        "website": "https://www.london.gov.uk/",
        "description": """
            The Mayor of London and the London Assembly: strategic government for the capital
            and a member of the LondonConnects Board.
        """,
    },
    {
        "slug": "transport-for-london",
        "name": "Transport for London",
        "sector": "government",
        "sub_region": None,
        "website": "https://www.tfl.gov.uk/",
        "description": """
            The Mayor's transport body, responsible for buses, the Underground and the
            introduction of smart card ticketing in the capital.
        """,
    },
    {
        "slug": "alg",
        "name": "Association of London Government",
        "sector": "government",
        "sub_region": None,
        "website": "https://www.alg.gov.uk/",
        "description": """
            The body representing the 33 London local authorities, and a member of the
            LondonConnects Board.
        """,
    },
    {
        "slug": "government-office-for-london",
        "name": "Government Office for London",
        "sector": "government",
        "sub_region": None,
        "website": "https://www.go-london.gov.uk/",
        "description": """
            Central Government's regional office in the capital, which oversees the boroughs'
            Implementing Electronic Government statements.
        """,
    },
    {
        "slug": "londonconnects",
        "name": "LondonConnects",
        "sector": "government",
        "sub_region": None,
        "website": "https://www.londonconnects.gov.uk/",
        "description": """
            The partnership of London's public services for joined-up e-government, and the
            team that runs this site.
        """,
    },
    {
        "slug": "socitm-london",
        "name": "SOCITM London",
        # A not-for-profit professional body of council IT managers, not a 34th authority.
        "sector": "voluntary",
        "sub_region": None,
        "website": "https://www.socitm.gov.uk/",
        "description": """
            The London branch of the Society of IT Management, bringing together the heads of
            IT of the London boroughs and other public bodies.
        """,
    },
    {
        "slug": "peabody-trust",
        "name": "Peabody Trust",
        "sector": "housing",
        "sub_region": None,
        "website": "https://www.peabody.org.uk/",
        "description": """
            One of London's oldest housing associations, with estates in most inner London
            boroughs.
        """,
    },
    {
        "slug": "london-and-quadrant",
        "name": "London & Quadrant Housing Trust",
        "sector": "housing",
        "sub_region": "south",
        "website": "https://www.lqgroup.org.uk/",
        "description": """
            A registered social landlord managing homes across south London and beyond.
        """,
    },
    {
        "slug": "east-thames-housing",
        "name": "East Thames Housing Group",
        "sector": "housing",
        "sub_region": "east",
        "website": "https://www.east-thames.co.uk/",
        "description": """
            A housing association working in east London and the Thames Gateway, providing
            rented homes, care and regeneration services.
        """,
    },
    {
        "slug": "lvsc",
        "name": "London Voluntary Service Council",
        "sector": "voluntary",
        "sub_region": None,
        "website": "https://www.lvsc.org.uk/",
        "description": """
            The umbrella body for London's voluntary and community organisations, supporting
            them with information, training and policy work.
        """,
    },
    {
        "slug": "communities-online",
        "name": "Communities Online",
        "sector": "voluntary",
        "sub_region": None,
        "website": "https://www.communities.org.uk/",
        "description": """
            A national charity promoting community web sites and local online networks.
        """,
    },
    {
        "slug": "university-of-east-london",
        "name": "University of East London",
        "sector": "education",
        "sub_region": "east",
        "website": "https://www.uel.ac.uk/",
        "description": """
            A university with campuses in Stratford and Barking, active in research on
            e-government and regeneration in the Thames Gateway.
        """,
    },
    {
        "slug": "middlesex-university",
        "name": "Middlesex University",
        "sector": "education",
        "sub_region": "north",
        "website": "https://www.mdx.ac.uk/",
        "description": """
            A university based in north London, partner in several lifelong learning and
            community technology projects.
        """,
    },
    {
        "slug": "bt",
        "name": "BT",
        "sector": "private",
        "sub_region": None,
        "website": "https://www.bt.com/",
        "description": """
            Telecommunications company and private-sector partner in several London network and
            contact centre projects.
        """,
    },
    {
        "slug": "docklands-digital",
        "name": "Docklands Digital Ltd",
        "sector": "private",
        "sub_region": "east",
        "website": "https://www.docklandsdigital.co.uk/",
        "description": """
            An east London systems integrator specialising in electronic procurement and
            payment systems for the public sector.
        """,
    },
    {
        "slug": "metro-mapping",
        "name": "Metro Mapping Ltd",
        "sector": "private",
        "sub_region": "central",
        "website": "https://www.metromapping.co.uk/",
        "description": """
            A geographic information company supplying web mapping and address gazetteer
            software to local authorities.
        """,
    },
]

GROUPS = [
    {
        "slug": "west-london-alliance",
        "name": "West London Alliance",
        "kind": "sub-regional",
        "sub_region": "west",
        "website": "https://www.westlondonalliance.org/",
        "description": """
            The six west London boroughs working together, with their health and police
            partners, on shared networks, joint procurement and electronic service delivery.
        """,
        "members": [
            "brent",
            "ealing",
            "hammersmith-and-fulham",
            "harrow",
            "hillingdon",
            "hounslow",
            "brent-and-harrow-ha",
            "metropolitan-police",
        ],
    },
    {
        "slug": "north-london-strategic-alliance",
        "name": "North London Strategic Alliance",
        "kind": "sub-regional",
        "sub_region": "north",
        "website": "https://www.nlsa.org.uk/",
        "description": """
            A partnership of the north London boroughs, the health authority, Middlesex
            University and the police, covering regeneration, learning and e-government.
        """,
        "members": [
            "barnet",
            "enfield",
            "haringey",
            "barnet-enfield-and-haringey-ha",
            "middlesex-university",
            "metropolitan-police",
        ],
    },
    {
        "slug": "south-london-partnership",
        "name": "South London Partnership",
        "kind": "sub-regional",
        "sub_region": "south",
        "website": "https://www.southlondonpartnership.org.uk/",
        "description": """
            The seven south London boroughs and their partners, whose e-government work
            centres on a shared procurement consortium and joined-up care records.
        """,
        "members": [
            "bromley",
            "croydon",
            "kingston-upon-thames",
            "merton",
            "richmond-upon-thames",
            "sutton",
            "wandsworth",
            "croydon-pct",
            "london-and-quadrant",
            "metropolitan-police",
        ],
    },
    {
        "slug": "thames-gateway-london-partnership",
        "name": "Thames Gateway London Partnership",
        "kind": "sub-regional",
        "sub_region": "east",
        "website": "https://www.thames-gateway.org.uk/",
        "description": """
            The east London boroughs, the health authority, the University of East London and
            local housing associations, working together on regeneration in the Thames
            Gateway and on the e-government projects that support it.
        """,
        "members": [
            "barking-and-dagenham",
            "bexley",
            "greenwich",
            "hackney",
            "havering",
            "lewisham",
            "newham",
            "redbridge",
            "tower-hamlets",
            "waltham-forest",
            "east-london-and-the-city-ha",
            "newham-pct",
            "university-of-east-london",
            "east-thames-housing",
        ],
    },
    {
        "slug": "central-london-partnership",
        "name": "Central London Partnership",
        "kind": "sub-regional",
        "sub_region": "central",
        "website": "https://www.centrallondonpartnership.org/",
        "description": """
            The central London authorities with the City of London Police, the Metropolitan
            Police, health and housing partners, working on town centre management, community
            safety and shared information.
        """,
        "members": [
            "camden",
            "city-of-london",
            "islington",
            "kensington-and-chelsea",
            "lambeth",
            "southwark",
            "westminster",
            "camden-and-islington-ha",
            "city-of-london-police",
            "metropolitan-police",
            "peabody-trust",
        ],
    },
    {
        "slug": "london-nhs-local-authority-information-sharing-group",
        "name": "London NHS and Local Authority Information Sharing Group",
        "kind": "cross-sector",
        "sub_region": None,
        "website": "",
        "description": """
            NHS and local authority representatives preparing London-wide workshops on NHS
            connectivity, security and information-sharing protocols, and the bid to connect
            all 33 authorities to NHSnet.
        """,
        "members": [
            "nhs-executive-london",
            "nhs-information-authority",
            "london-health-observatory",
            "east-london-and-the-city-ha",
            "camden-and-islington-ha",
            "brent-and-harrow-ha",
            "barnet-enfield-and-haringey-ha",
            "newham-pct",
            "croydon-pct",
            "socitm-london",
            "alg",
            "camden",
            "newham",
            "croydon",
            "ealing",
            "enfield",
            "southwark",
        ],
    },
    {
        "slug": "londonconnects-board",
        "name": "LondonConnects Board",
        "kind": "cross-sector",
        "sub_region": None,
        "website": "https://www.londonconnects.gov.uk/board/",
        "description": """
            The top level of LondonConnects, giving overall direction and making the links
            with the key players in London's e-government.
        """,
        "members": [
            "greater-london-authority",
            "alg",
            "government-office-for-london",
            "londonconnects",
        ],
    },
    {
        "slug": "londonconnects-steering-group",
        "name": "LondonConnects Steering Group",
        "kind": "cross-sector",
        "sub_region": None,
        "website": "https://www.londonconnects.gov.uk/steering-group/",
        "description": """
            Senior officers from the LondonConnects partners across every sector. The group
            supports the Board, oversees the work programme and the annual review of
            e-activity in London.
        """,
        "members": [
            "greater-london-authority",
            "alg",
            "government-office-for-london",
            "londonconnects",
            "nhs-executive-london",
            "metropolitan-police",
            "london-fire-brigade",
            "lvsc",
            "socitm-london",
            "newham",
            "hackney",
            "westminster",
            "croydon",
            "ealing",
            "barnet",
        ],
    },
    {
        "slug": "london-smart-card-forum",
        "name": "London Smart Card Forum",
        "kind": "cross-sector",
        "sub_region": None,
        "website": "https://www.londonconnects.gov.uk/smartcards/",
        "description": """
            Public bodies and suppliers comparing notes on smart card pilots in London, and
            working towards cards that can be used across council, health and transport
            services.
        """,
        "members": [
            "transport-for-london",
            "greater-london-authority",
            "londonconnects",
            "newham",
            "southwark",
            "croydon",
            "camden",
            "bt",
            "docklands-digital",
        ],
    },
    {
        "slug": "london-community-web-sites-network",
        "name": "London Community Web Sites Network",
        "kind": "cross-sector",
        "sub_region": None,
        "website": "https://www.communities.org.uk/london/",
        "description": """
            Councils, housing associations and voluntary groups that run or support
            neighbourhood web sites, sharing tools and looking for funding together.
        """,
        "members": [
            "communities-online",
            "lvsc",
            "londonconnects",
            "hackney",
            "lewisham",
            "lambeth",
            "tower-hamlets",
            "peabody-trust",
        ],
    },
    {
        "slug": "londonconnects-private-sector-advisory-group",
        "name": "LondonConnects Private Sector Advisory Group",
        "kind": "cross-sector",
        "sub_region": None,
        "website": "",
        "description": """
            Private-sector partners advising the Board on infrastructure, procurement and
            ways of working with industry.
        """,
        "members": ["bt", "docklands-digital", "metro-mapping", "londonconnects", "alg"],
    },
]

# Projects. Keys: title, programme (pathfinder | isb | central | ec | local), status
# (proposed | active | completed | closed), publication (default "published"), lead,
# partners, sub_regions, sectors, themes, start, end (ISO dates), budget (pounds or None),
# summary, description, links [(kind, label, url)], interest (organisations that registered
# an interest).
PROJECTS = [
    # -- Newham ---------------------------------------------------------------------------
    {
        "title": "Newham Customer Relationship Management System",
        "programme": "isb",
        "status": "completed",
        "lead": "newham",
        "partners": ["newham-pct", "bt"],
        "sub_regions": ["east"],
        "sectors": ["local-authority", "nhs"],
        "themes": [
            "customer relationship management",
            "electronic service delivery",
            "information sharing",
        ],
        "start": "2000-04-01",
        "end": "2002-09-30",
        "budget": 2350000,
        "summary": """
            Newham's Invest to Save project to put the council's front-line enquiries onto one
            customer record, shared by its contact centre, one-stop shops and web site.
        """,
        "description": """
            Newham used Invest to Save funding to replace a dozen departmental enquiry systems
            with a single customer relationship management system. A resident who phones,
            calls in at a one-stop shop or uses the web site is now dealt with from the same
            record. Council tax, housing benefit, street services and housing repairs were the
            first services to move across.

            The council designed the system from the start so that others could reuse its
            service scripts, data model and procurement documents. Through LondonConnects it
            now hosts a "shareware club" for organisations adopting the approach, with
            quarterly workshops and a shared library of scripts.

            The project's evaluation found that three quarters of enquiries are now settled at
            the first point of contact, against under half before.
        """,
        "links": [
            ("site", "Newham customer services", "https://www.newham.gov.uk/customerservices/"),
            (
                "evaluation",
                "Invest to Save Budget: Newham CRM evaluation",
                "https://www.isb.gov.uk/projects/newham-crm/",
            ),
            (
                "policy",
                "Office of the e-Envoy: e-government strategy",
                "https://www.e-envoy.gov.uk/strategy/",
            ),
        ],
        "interest": [
            "hackney",
            "tower-hamlets",
            "waltham-forest",
            "barking-and-dagenham",
            "lewisham",
            "greenwich",
            "havering",
            "redbridge",
            "brent",
            "croydon",
            "east-thames-housing",
        ],
    },
    {
        "title": "Newham Smart Card Pathfinder",
        "programme": "pathfinder",
        "status": "active",
        "lead": "newham",
        "partners": ["transport-for-london", "newham-pct", "university-of-east-london", "bt"],
        "sub_regions": ["east"],
        "sectors": ["local-authority", "nhs", "education", "private"],
        "themes": ["smart cards", "social inclusion", "e-payments"],
        "start": "2001-04-01",
        "end": "2004-03-31",
        "budget": 1850000,
        "summary": """
            A Local Government Online pathfinder giving Newham residents one smart card for
            libraries, leisure centres, school meals and concessionary travel, with an
            electronic purse for small payments.
        """,
        "description": """
            The pathfinder is testing whether one card can replace the separate cards and
            paper passes residents now carry. About 20,000 cards have been issued so far,
            starting with library members and pupils at six secondary schools, where the card
            also pays for school meals.

            The card follows the emerging national smart card standards so that it can later
            carry transport tickets, and Transport for London is working with the council on
            how a council card and a transport card could share one chip. Lessons on card
            management, data protection and take-up are reported to the London Smart Card
            Forum.
        """,
        "links": [
            ("site", "Newham Card", "https://www.newham.gov.uk/newhamcard/"),
            (
                "policy",
                "Local Government Online: the pathfinder programme",
                "https://www.odpm.gov.uk/localgov/pathfinders/",
            ),
            (
                "research",
                "IDeA: smart cards in local government",
                "https://www.idea.gov.uk/knowledge/smartcards/",
            ),
        ],
        "interest": ["southwark", "croydon", "camden", "lambeth"],
    },
    {
        "title": "Newham Council Webcasting and Online Consultation",
        "programme": "central",
        "status": "completed",
        "lead": "newham",
        "partners": ["lvsc", "university-of-east-london"],
        "sub_regions": ["east"],
        "sectors": ["local-authority", "voluntary", "education"],
        "themes": ["e-democracy", "social inclusion", "community web sites"],
        "start": "2002-01-14",
        "end": "2003-03-31",
        "budget": 420000,
        "summary": """
            Live and archived webcasts of Newham council and scrutiny meetings, with online
            consultations on the borough's community plan.
        """,
        "description": """
            Part-funded by central Government's local e-democracy programme, the project
            webcasts full council, cabinet and scrutiny meetings and keeps them online with
            the agenda papers alongside. Residents can send questions to scrutiny panels by
            e-mail or text message.

            Online consultations on the community plan were run with local voluntary groups,
            who helped people without home internet access take part from libraries and
            community centres. The University of East London evaluated who took part and
            compared them with those reached by paper consultations.
        """,
        "links": [
            ("site", "Newham council webcasts", "https://www.newham.gov.uk/webcasts/"),
            (
                "evaluation",
                "University of East London: evaluation of online consultation in Newham",
                "https://www.uel.ac.uk/research/edemocracy/newham/",
            ),
        ],
    },
    {
        "title": "Newham Community Access Points",
        "programme": "central",
        "status": "active",
        "lead": "newham",
        "partners": ["lvsc", "east-thames-housing"],
        "sub_regions": ["east"],
        "sectors": ["local-authority", "voluntary", "housing"],
        "themes": ["social inclusion", "e-learning", "community web sites"],
        "start": "2000-10-01",
        "end": "2003-12-31",
        "budget": 650000,
        "summary": """
            Free internet access and help for beginners in libraries, housing offices and
            community centres across Newham, set up as UK online centres.
        """,
        "description": """
            Twenty-two access points have been opened, each with trained staff or volunteers
            who help first-time users with e-mail, job searching and council services online.
            Most are in libraries, with others in East Thames housing offices and community
            centres on the larger estates.

            Each access point has a community web page where local groups publish their own
            news. Short courses run with adult education have been taken by more than 3,000
            residents.
        """,
        "links": [
            (
                "site",
                "Newham community access points",
                "https://www.newham.gov.uk/accesspoints/",
            ),
            ("policy", "UK online centres", "https://www.ukonline.gov.uk/centres/"),
        ],
    },
    {
        "title": "East London Mobile Working for Community Care",
        "programme": "isb",
        "status": "proposed",
        "lead": "newham",
        "partners": ["hackney", "tower-hamlets", "newham-pct", "east-london-and-the-city-ha"],
        "sub_regions": ["east"],
        "sectors": ["local-authority", "nhs"],
        "themes": ["mobile working", "information sharing", "secure networks"],
        "start": "2003-04-01",
        "end": "2005-03-31",
        "budget": 980000,
        "summary": """
            An Invest to Save bid to give social workers and district nurses in three east
            London boroughs handheld access to shared care records during home visits.
        """,
        "description": """
            Care staff in Newham, Hackney and Tower Hamlets spend much of their day on the
            road and return to the office to update records. The bid proposes handheld
            computers linked over a secure network to the councils' social care systems and
            to community health records, under a common information-sharing protocol.

            The partners expect fewer wasted visits, faster assessments and less double
            keying. The bid builds on the East London Integrated Care Records project.
        """,
        "links": [
            (
                "policy",
                "Invest to Save Budget: round four guidance",
                "https://www.isb.gov.uk/round4/",
            ),
            (
                "research",
                "Mobile working in social care",
                "https://www.socitm.gov.uk/insight/mobile-working/",
            ),
        ],
    },
    {
        "title": "Newham Digital TV Council Services",
        "programme": "central",
        "status": "active",
        "lead": "newham",
        "partners": ["bt"],
        "sub_regions": ["east"],
        "sectors": ["local-authority", "private"],
        "themes": ["digital TV", "electronic service delivery", "social inclusion"],
        "start": "2002-10-01",
        "end": "2004-09-30",
        "budget": 310000,
        "summary": """
            Council information and simple transactions on interactive digital television,
            aimed at households that have a set-top box but no computer.
        """,
        "description": """
            The council is one of the partners in the national digital TV project for local
            government. Residents can look up bin collection days, library opening hours and
            local jobs, and report street faults, using their remote control.

            Usage is being compared with the council's web site to see whether television
            reaches people the internet does not.
        """,
        "links": [
            ("site", "Newham on digital TV", "https://www.newham.gov.uk/digitaltv/"),
            (
                "policy",
                "National digital TV project for local government",
                "https://www.odpm.gov.uk/localgov/nationalprojects/digitv/",
            ),
        ],
    },
    {
        "title": "Thames Gateway e-Procurement Hub",
        "programme": "ec",
        "status": "proposed",
        "publication": "draft",
        "lead": "newham",
        "partners": [
            "barking-and-dagenham",
            "havering",
            "bexley",
            "greenwich",
            "docklands-digital",
        ],
        "sub_regions": ["east"],
        "sectors": ["local-authority", "private"],
        "themes": ["e-procurement", "joint procurement"],
        "start": "2003-06-01",
        "end": "2005-06-30",
        "budget": 1200000,
        "summary": """
            A proposed shared electronic marketplace for five Thames Gateway authorities,
            opening council contracts to small local suppliers.
        """,
        "description": """
            The partners are preparing a bid for European Regional Development Fund support
            for a shared purchasing portal, with electronic catalogues, ordering and invoicing,
            and training for local firms to trade with the councils online.
        """,
        "links": [
            (
                "policy",
                "European Regional Development Fund in London",
                "https://www.go-london.gov.uk/erdf/",
            ),
        ],
    },
    # -- Hackney --------------------------------------------------------------------------
    {
        "title": "Hackney Community Web Sites Programme",
        "programme": "local",
        "status": "completed",
        "lead": "hackney",
        "partners": ["communities-online", "lvsc"],
        "sub_regions": ["east"],
        "sectors": ["local-authority", "voluntary"],
        "themes": ["community web sites", "social inclusion", "e-learning"],
        "start": "2000-06-01",
        "end": "2002-06-30",
        "budget": 180000,
        "summary": """
            Training and free hosting that helped 40 Hackney community groups build and run
            their own web sites.
        """,
        "description": """
            The council funded a small team, working with Communities Online, to train
            volunteers from tenants' associations, faith groups and refugee organisations to
            publish on the web. Each group was given hosting, a simple page editor and
            follow-up support for a year.

            The sites are linked from a neighbourhood directory on the council's web site.
            The training materials have since been adopted by other boroughs.
        """,
        "links": [
            (
                "site",
                "Hackney community directory",
                "https://www.hackney.gov.uk/community-directory/",
            ),
            (
                "research",
                "Communities Online: community web sites in practice",
                "https://www.communities.org.uk/research/",
            ),
        ],
    },
    {
        "title": "Hackney Housing Benefit Data Exchange with RSLs",
        "programme": "isb",
        "status": "active",
        "lead": "hackney",
        "partners": ["east-thames-housing", "peabody-trust", "london-and-quadrant"],
        "sub_regions": ["east"],
        "sectors": ["local-authority", "housing"],
        "themes": ["information sharing", "electronic service delivery", "secure networks"],
        "start": "2001-04-01",
        "end": "2003-09-30",
        "budget": 760000,
        "summary": """
            Secure electronic exchange of rent and tenancy information between Hackney's
            benefits service and the housing associations in the borough.
        """,
        "description": """
            Housing benefit claims from housing association tenants used to wait weeks for
            rent details sent on paper. The project links the council's benefits system to
            the landlords' rent accounts over a secure connection, so that rent changes and
            new tenancies arrive electronically.

            The information-sharing protocol agreed by the partners has been offered to
            other boroughs as a model.
        """,
        "links": [
            ("site", "Hackney benefits service", "https://www.hackney.gov.uk/benefits/"),
            (
                "policy",
                "Invest to Save Budget: round three projects",
                "https://www.isb.gov.uk/round3/",
            ),
        ],
    },
    {
        "title": "Hackney and City Children's Information Sharing Project",
        "programme": "central",
        "status": "proposed",
        "lead": "hackney",
        "partners": ["city-of-london", "east-london-and-the-city-ha", "metropolitan-police"],
        "sub_regions": ["east", "central"],
        "sectors": ["local-authority", "nhs", "police"],
        "themes": ["information sharing", "secure networks"],
        "start": "2003-04-01",
        "end": "2005-03-31",
        "budget": None,
        "summary": """
            A proposal to let schools, health visitors, social services and police in Hackney
            and the City record and share concerns about children, under agreed safeguards.
        """,
        "description": """
            The partners have applied to become one of central Government's trailblazers for
            identifying, referring and tracking children at risk. The work will start with an
            agreed protocol and a simple shared index showing which agencies are involved with
            a child, before any case details are shared.
        """,
        "links": [
            (
                "policy",
                "Identification, referral and tracking of children",
                "https://www.dfes.gov.uk/irt/",
            ),
        ],
    },
    # -- Other east London boroughs -------------------------------------------------------
    {
        "title": "Tower Hamlets Multilingual Contact Centre",
        "programme": "local",
        "status": "active",
        "lead": "tower-hamlets",
        "partners": ["bt"],
        "sub_regions": ["east"],
        "sectors": ["local-authority", "private"],
        "themes": [
            "customer relationship management",
            "social inclusion",
            "electronic service delivery",
        ],
        "start": "2001-09-01",
        "end": "2003-08-31",
        "budget": 1100000,
        "summary": """
            A council contact centre answering calls in English, Bengali, Somali and Chinese,
            backed by a customer relationship management system.
        """,
        "description": """
            Many Tower Hamlets residents find it hard to deal with the council in English.
            The contact centre employs bilingual advisers and routes callers by language, and
            the customer record notes each caller's preferred language for letters and
            visits.

            The centre handles housing repairs, council tax, benefits enquiries and
            environmental services, and will take on social services referrals next year.
        """,
        "links": [
            ("site", "Tower Hamlets contact centre", "https://www.towerhamlets.gov.uk/contact/"),
            (
                "research",
                "Reaching minority ethnic communities through e-government",
                "https://www.idea.gov.uk/knowledge/inclusion/",
            ),
        ],
        "interest": ["waltham-forest", "hackney"],
    },
    {
        "title": "Tower Hamlets Idea Store Learning Network",
        "programme": "ec",
        "status": "active",
        "lead": "tower-hamlets",
        "partners": ["university-of-east-london", "lvsc"],
        "sub_regions": ["east"],
        "sectors": ["local-authority", "education", "voluntary"],
        "themes": ["e-learning", "social inclusion", "community web sites"],
        "start": "2002-01-01",
        "end": "2004-12-31",
        "budget": 540000,
        "summary": """
            European Social Fund support for online learning in the borough's new Idea Stores,
            which combine libraries with adult education.
        """,
        "description": """
            Each Idea Store has a learning floor with computers, online courses and tutors.
            The ESF funding pays for basic skills and IT courses aimed at people out of work,
            with a route into recognised qualifications at the University of East London.

            Local voluntary organisations refer learners and run taster sessions in community
            languages.
        """,
        "links": [
            ("site", "Idea Store", "https://www.ideastore.co.uk/"),
            (
                "policy",
                "European Social Fund in England",
                "https://www.esf.gov.uk/",
            ),
        ],
    },
    {
        "title": "Lewisham e-Democracy Pathfinder",
        "programme": "pathfinder",
        "status": "completed",
        "lead": "lewisham",
        "partners": ["communities-online", "lvsc"],
        "sub_regions": ["east"],
        "sectors": ["local-authority", "voluntary"],
        "themes": ["e-democracy", "community web sites", "social inclusion"],
        "start": "2001-03-01",
        "end": "2002-12-31",
        "budget": 560000,
        "summary": """
            A Local Government Online pathfinder testing online citizens' panels, discussion
            forums and councillor web pages in Lewisham.
        """,
        "description": """
            The pathfinder recruited an online citizens' panel of 1,500 residents, ran
            moderated discussion forums on local issues and gave every councillor a web page
            and e-mail address. Results of each consultation were published online with the
            council's response.

            The final report sets out what worked, including the moderation rules and the cost
            of running forums, and is being used by other authorities planning similar work.
        """,
        "links": [
            ("site", "Lewisham citizens' panel", "https://www.lewisham.gov.uk/citizenspanel/"),
            (
                "evaluation",
                "Lewisham e-democracy pathfinder: final report",
                "https://www.lewisham.gov.uk/edemocracy/report/",
            ),
            (
                "policy",
                "Local e-democracy: consultation paper",
                "https://www.odpm.gov.uk/localgov/edemocracy/",
            ),
        ],
        "interest": ["haringey", "richmond-upon-thames", "camden"],
    },
    {
        "title": "Lewisham Young Mayor Online Voting",
        "programme": "local",
        "status": "proposed",
        "lead": "lewisham",
        "partners": ["lvsc"],
        "sub_regions": ["east"],
        "sectors": ["local-authority", "voluntary", "education"],
        "themes": ["e-democracy", "e-learning"],
        "start": "2003-09-01",
        "end": "2004-07-31",
        "budget": 75000,
        "summary": """
            Online and text-message voting for the election of a Young Mayor by Lewisham's
            11 to 18 year-olds.
        """,
        "description": """
            Young people will be able to vote at school, online or by text message. Schools
            will use the election in citizenship lessons, and the voting system is being
            tested for security and accessibility before use.
        """,
        "links": [
            ("site", "Lewisham Young Mayor", "https://www.lewisham.gov.uk/youngmayor/"),
        ],
    },
    {
        "title": "Greenwich Millennium Village Community Network",
        "programme": "local",
        "status": "completed",
        "publication": "archived",
        "lead": "greenwich",
        "partners": ["bt"],
        "sub_regions": ["east"],
        "sectors": ["local-authority", "private"],
        "themes": ["community web sites", "social inclusion"],
        "start": "1999-07-01",
        "end": "2001-06-30",
        "budget": 250000,
        "summary": """
            A broadband network and community intranet for the first residents of the
            Greenwich Millennium Village.
        """,
        "description": """
            Every new home was wired to a community network carrying a resident intranet,
            local notices and links to council services. The project has ended and the
            intranet is now run by the residents' association.
        """,
        "links": [
            (
                "evaluation",
                "Wired neighbourhoods: lessons from Greenwich",
                "https://www.royalgreenwich.gov.uk/gmv-evaluation/",
            ),
        ],
    },
    {
        "title": "Barking and Dagenham Customer First Programme",
        "programme": "local",
        "status": "active",
        "lead": "barking-and-dagenham",
        "partners": [],
        "sub_regions": ["east"],
        "sectors": ["local-authority"],
        "themes": ["customer relationship management", "electronic service delivery"],
        "start": "2002-04-01",
        "end": "2004-03-31",
        "budget": 1700000,
        "summary": """
            A programme to bring phone, face-to-face and web enquiries together in one
            customer service operation, reusing Newham's service scripts.
        """,
        "description": """
            The council is opening a contact centre and two one-stop shops, backed by a
            customer relationship management system. Service scripts for housing, benefits
            and environmental services have been adapted from those shared through the Newham
            shareware club, saving several months of design work.
        """,
        "links": [
            ("site", "Customer First", "https://www.lbbd.gov.uk/customerfirst/"),
        ],
    },
    {
        "title": "Redbridge Online Budget Consultation",
        "programme": "local",
        "status": "completed",
        "lead": "redbridge",
        "partners": [],
        "sub_regions": ["east"],
        "sectors": ["local-authority"],
        "themes": ["e-democracy", "community web sites"],
        "start": "2002-01-01",
        "end": "2002-03-31",
        "budget": 25000,
        "summary": """
            An online budget simulator that let residents try balancing the council's budget
            and tell councillors their priorities.
        """,
        "description": """
            Residents could move money between services and see the effect on council tax
            before sending in their choices. Around 2,000 people took part, many more than
            attend budget meetings, and the results were reported to the council's budget
            meeting.
        """,
        "links": [
            ("site", "Redbridge budget consultation", "https://www.redbridge.gov.uk/budget2002/"),
            (
                "research",
                "Online consultation in local government",
                "https://www.idea.gov.uk/knowledge/consultation/",
            ),
        ],
    },
    {
        "title": "Bexley Mobile Housing Repairs",
        "programme": "isb",
        "status": "active",
        "lead": "bexley",
        "partners": ["london-and-quadrant"],
        "sub_regions": ["east"],
        "sectors": ["local-authority", "housing"],
        "themes": ["mobile working", "electronic service delivery"],
        "start": "2002-04-01",
        "end": "2003-12-31",
        "budget": 480000,
        "summary": """
            Handheld computers for repairs operatives, so that tenants can book a repair
            appointment when they report it and jobs are closed on site.
        """,
        "description": """
            Repairs reported by phone or online go straight to the operative's handheld, with
            parts lists and the tenant's access needs. Jobs are signed off on site, which cuts
            paperwork and lets the council pay contractors sooner.

            The housing association partner is testing the same approach on its own stock in
            the borough.
        """,
        "links": [
            ("site", "Report a repair", "https://www.bexley.gov.uk/repairs/"),
            (
                "policy",
                "Invest to Save Budget: round four projects",
                "https://www.isb.gov.uk/round4/projects/",
            ),
        ],
    },
    {
        "title": "Waltham Forest Community Languages Web Service",
        "programme": "local",
        "status": "proposed",
        "publication": "draft",
        "lead": "waltham-forest",
        "partners": ["lvsc"],
        "sub_regions": ["east"],
        "sectors": ["local-authority", "voluntary"],
        "themes": ["social inclusion", "community web sites", "electronic service delivery"],
        "start": "2003-06-01",
        "end": "2004-05-31",
        "budget": 90000,
        "summary": """
            Key council information translated into the borough's six most common community
            languages, with local groups checking the translations.
        """,
        "description": """
            The council will publish information on housing, benefits, schools and health in
            Urdu, Punjabi, Turkish, Polish, Somali and Bengali. Community organisations will
            review the texts and link to them from their own sites.
        """,
        "links": [
            ("site", "Waltham Forest council", "https://www.walthamforest.gov.uk/languages/"),
        ],
    },
    {
        "title": "Havering e-Procurement Pilot",
        "programme": "central",
        "status": "completed",
        "lead": "havering",
        "partners": ["docklands-digital"],
        "sub_regions": ["east"],
        "sectors": ["local-authority", "private"],
        "themes": ["e-procurement", "e-payments"],
        "start": "2001-10-01",
        "end": "2002-12-31",
        "budget": 200000,
        "summary": """
            Electronic ordering and payment by purchasing card for stationery, IT consumables
            and building supplies.
        """,
        "description": """
            The pilot moved low-value buying in three departments onto electronic catalogues
            and purchasing cards. Invoices fell by a third and orders are now placed in
            minutes. The council is extending the system and has reported its findings to the
            national e-procurement programme.
        """,
        "links": [
            (
                "policy",
                "National e-procurement project",
                "https://www.odpm.gov.uk/localgov/nationalprojects/eprocurement/",
            ),
            (
                "evaluation",
                "Havering e-procurement pilot: lessons learned",
                "https://www.havering.gov.uk/eprocurement/lessons/",
            ),
        ],
    },
    # -- Central London ---------------------------------------------------------------------
    {
        "title": "Camden Geographic Information Portal",
        "programme": "local",
        "status": "completed",
        "lead": "camden",
        "partners": ["metro-mapping"],
        "sub_regions": ["central"],
        "sectors": ["local-authority", "private"],
        "themes": ["geographic information", "electronic service delivery"],
        "start": "2000-01-10",
        "end": "2001-12-21",
        "budget": 290000,
        "summary": """
            Web maps showing council services, planning applications and local facilities for
            any Camden address or postcode.
        """,
        "description": """
            The portal puts the council's address gazetteer and map layers on the web. A
            resident can enter a postcode and see their ward councillors, nearest library,
            recycling points, parking zones and planning applications nearby.

            Council staff use the same maps internally, which has cut the number of separate
            mapping systems in use from seven to one.
        """,
        "links": [
            ("site", "Camden maps", "https://www.camden.gov.uk/maps/"),
            (
                "research",
                "Geographic information in local e-government",
                "https://www.agi.org.uk/local-government/",
            ),
        ],
        "interest": ["islington", "westminster", "barnet"],
    },
    {
        "title": "Camden and Islington Single Assessment for Older People",
        "programme": "central",
        "status": "active",
        "lead": "camden",
        "partners": ["islington", "camden-and-islington-ha"],
        "sub_regions": ["central"],
        "sectors": ["local-authority", "nhs"],
        "themes": ["information sharing", "secure networks", "mobile working"],
        "start": "2002-04-01",
        "end": "2004-03-31",
        "budget": 850000,
        "summary": """
            A shared electronic assessment so that older people tell their story once to
            health and social care staff in Camden and Islington.
        """,
        "description": """
            The project is putting the single assessment process on a shared system that
            social workers, district nurses and GPs can reach over a secure link. Consent
            is recorded at the first assessment and controls who can see which parts of the
            record.

            The partners are working with the London NHS and Local Authority Information
            Sharing Group so that the protocol can be reused across London.
        """,
        "links": [
            (
                "policy",
                "National Service Framework for Older People: single assessment",
                "https://www.doh.gov.uk/scg/sap/",
            ),
            (
                "site",
                "Camden and Islington single assessment",
                "https://www.camden.gov.uk/sap/",
            ),
        ],
    },
    {
        "title": "Westminster Parking e-Payments",
        "programme": "local",
        "status": "completed",
        "lead": "westminster",
        "partners": ["bt"],
        "sub_regions": ["central"],
        "sectors": ["local-authority", "private"],
        "themes": ["e-payments", "electronic service delivery"],
        "start": "1999-09-01",
        "end": "2001-03-31",
        "budget": 400000,
        "summary": """
            Payment of parking fines and residents' permits online and by automated telephone,
            24 hours a day.
        """,
        "description": """
            Motorists can pay a penalty charge notice or renew a resident's permit online or by
            phone, and see the photographs taken by the parking attendant. Within a year a
            third of payments were made electronically.
        """,
        "links": [
            ("site", "Westminster parking", "https://www.westminster.gov.uk/parking/"),
        ],
        "interest": ["kensington-and-chelsea", "camden"],
    },
    {
        "title": "Westminster City Guardians Mobile Reporting",
        "programme": "isb",
        "status": "active",
        "lead": "westminster",
        "partners": ["metropolitan-police"],
        "sub_regions": ["central"],
        "sectors": ["local-authority", "police"],
        "themes": ["mobile working", "information sharing", "electronic service delivery"],
        "start": "2002-01-01",
        "end": "2003-12-31",
        "budget": 690000,
        "summary": """
            Street wardens report graffiti, fly-tipping and abandoned vehicles from handheld
            devices, with reports shared with the local police.
        """,
        "description": """
            Reports go straight into the council's works ordering system, with the location
            and a photograph, so that clean-up crews are dispatched without re-keying. Reports
            of crime and anti-social behaviour are passed to the borough police under the
            local information-sharing agreement.
        """,
        "links": [
            (
                "site",
                "Westminster City Guardians",
                "https://www.westminster.gov.uk/cityguardians/",
            ),
            ("policy", "Invest to Save Budget", "https://www.isb.gov.uk/"),
        ],
    },
    {
        "title": "Southwark Young People's Smart Card",
        "programme": "isb",
        "status": "active",
        "lead": "southwark",
        "partners": ["transport-for-london", "peabody-trust"],
        "sub_regions": ["central"],
        "sectors": ["local-authority", "housing", "government"],
        "themes": ["smart cards", "social inclusion", "e-payments"],
        "start": "2001-10-01",
        "end": "2004-03-31",
        "budget": 1300000,
        "summary": """
            A smart card for young people in Southwark giving discounts, access to youth
            clubs and leisure centres, and rewards for volunteering.
        """,
        "description": """
            The card is used for entry to youth and leisure services and earns points for
            attendance and volunteering, which can be spent on activities and travel. It
            doubles as a proof-of-age card.

            The project is sharing its card specification and data protection approach with
            the London Smart Card Forum.
        """,
        "links": [
            ("site", "Southwark youth card", "https://www.southwark.gov.uk/youthcard/"),
            (
                "research",
                "Smart cards for young people: early lessons",
                "https://www.londonconnects.gov.uk/smartcards/youth/",
            ),
        ],
        "interest": ["lambeth", "lewisham"],
    },
    {
        "title": "Islington Online Planning and Building Control",
        "programme": "central",
        "status": "active",
        "lead": "islington",
        "partners": ["camden"],
        "sub_regions": ["central"],
        "sectors": ["local-authority"],
        "themes": ["electronic service delivery", "geographic information", "e-payments"],
        "start": "2002-09-01",
        "end": "2004-06-30",
        "budget": 260000,
        "summary": """
            Planning and building control applications made, paid for and tracked online, as
            part of the national planning project.
        """,
        "description": """
            Agents and residents can submit plans electronically, pay the fee and follow the
            progress of an application. Neighbours can view plans and comment online, and
            consultees receive documents by e-mail rather than on paper.
        """,
        "links": [
            ("site", "Islington planning online", "https://www.islington.gov.uk/planning/"),
            (
                "policy",
                "Planning and regulatory services online (PARSOL)",
                "https://www.parsol.gov.uk/",
            ),
        ],
    },
    {
        "title": "Kensington and Chelsea Electronic Document Management",
        "programme": "local",
        "status": "completed",
        "lead": "kensington-and-chelsea",
        "partners": [],
        "sub_regions": ["central"],
        "sectors": ["local-authority"],
        "themes": ["electronic service delivery", "information sharing"],
        "start": "1999-04-01",
        "end": "2001-03-31",
        "budget": 900000,
        "summary": """
            Scanning and electronic filing of incoming post for benefits, council tax and
            planning, so that any officer can see the papers of a case.
        """,
        "description": """
            Post is scanned on arrival and linked to the right case, so that papers can no
            longer be lost between offices and enquiries can be answered at the first call.
            Storage of paper files has been cut by 80 per cent.
        """,
        "links": [
            (
                "research",
                "Document management in local government",
                "https://www.socitm.gov.uk/insight/edm/",
            ),
        ],
    },
    {
        "title": "Lambeth Community Safety Information Exchange",
        "programme": "isb",
        "status": "active",
        "lead": "lambeth",
        "partners": ["metropolitan-police", "london-fire-brigade"],
        "sub_regions": ["central"],
        "sectors": ["local-authority", "police", "fire"],
        "themes": ["information sharing", "secure networks", "geographic information"],
        "start": "2002-04-01",
        "end": "2004-03-31",
        "budget": 720000,
        "summary": """
            Mapping and sharing of depersonalised crime, fire and anti-social behaviour data
            between the council, police and fire brigade in Lambeth.
        """,
        "description": """
            Partners in the community safety partnership send incident data to a shared
            analysis system over a secure link. Analysts map hot spots each week and the
            partnership uses the maps to decide where wardens, police patrols and fire safety
            visits go.

            The data-sharing agreement and the standard for depersonalising records are
            published for other partnerships to use.
        """,
        "links": [
            ("site", "Safer Lambeth", "https://www.lambeth.gov.uk/saferlambeth/"),
            (
                "policy",
                "Crime and Disorder Act: information sharing guidance",
                "https://www.crimereduction.gov.uk/infosharing/",
            ),
        ],
    },
    {
        "title": "City Business e-Services Portal",
        "programme": "local",
        "status": "completed",
        "lead": "city-of-london",
        "partners": ["city-of-london-police"],
        "sub_regions": ["central"],
        "sectors": ["local-authority", "police"],
        "themes": ["electronic service delivery", "e-payments"],
        "start": "2000-05-01",
        "end": "2001-11-30",
        "budget": 350000,
        "summary": """
            One web site where City businesses pay business rates, apply for licences and get
            crime prevention alerts.
        """,
        "description": """
            The portal brings together the Corporation's services for businesses with crime
            prevention advice and alerts from the City of London Police. Firms can register
            to receive alerts by e-mail and pay business rates online.
        """,
        "links": [
            ("site", "City business services", "https://www.cityoflondon.gov.uk/business/"),
        ],
    },
    {
        "title": "Peabody Estates Digital Inclusion Project",
        "programme": "central",
        "status": "active",
        "lead": "peabody-trust",
        "partners": ["lvsc", "southwark", "hackney"],
        "sub_regions": ["central", "east"],
        "sectors": ["housing", "voluntary", "local-authority"],
        "themes": ["social inclusion", "community web sites", "e-learning"],
        "start": "2001-11-01",
        "end": "2003-10-31",
        "budget": 390000,
        "summary": """
            Computer suites, recycled home PCs and estate web sites for Peabody tenants in
            Southwark and Hackney, funded through a central Government wired-communities
            programme.
        """,
        "description": """
            Learning centres on four estates offer free access and courses, and tenants who
            complete a course can take home a refurbished computer with a year's internet
            access. Residents' associations run their own estate web sites.

            The councils use the estate sites to publicise services and consultations.
        """,
        "links": [
            ("site", "Peabody community programmes", "https://www.peabody.org.uk/community/"),
            (
                "research",
                "Wired-up communities: interim evaluation",
                "https://www.dfes.gov.uk/wiredupcommunities/",
            ),
        ],
    },
    # -- North London ---------------------------------------------------------------------
    {
        "title": "Barnet Shared Address Gazetteer",
        "programme": "central",
        "status": "active",
        "lead": "barnet",
        "partners": ["london-fire-brigade", "metropolitan-police"],
        "sub_regions": ["north"],
        "sectors": ["local-authority", "fire", "police"],
        "themes": ["geographic information", "information sharing"],
        "start": "2002-04-01",
        "end": "2003-12-31",
        "budget": 180000,
        "summary": """
            One definitive list of Barnet addresses, kept to the national standard and shared
            with the emergency services.
        """,
        "description": """
            The council has merged eleven address lists into a single gazetteer that feeds the
            National Land and Property Gazetteer. The fire brigade and the borough police take
            a weekly copy, so that new streets and buildings reach their control rooms as soon
            as they are named.
        """,
        "links": [
            (
                "policy",
                "National Land and Property Gazetteer",
                "https://www.nlpg.org.uk/",
            ),
            ("site", "Barnet street naming", "https://www.barnet.gov.uk/streetnaming/"),
        ],
    },
    {
        "title": "Enfield and Haringey Joint Care Records",
        "programme": "central",
        "status": "active",
        "lead": "enfield",
        "partners": ["haringey", "barnet-enfield-and-haringey-ha"],
        "sub_regions": ["north"],
        "sectors": ["local-authority", "nhs"],
        "themes": ["information sharing", "secure networks"],
        "start": "2002-10-01",
        "end": "2004-09-30",
        "budget": 1100000,
        "summary": """
            Linking social care and community health records in Enfield and Haringey so
            that hospital discharges and care packages can be arranged faster.
        """,
        "description": """
            The project connects the two councils' social services systems to the health
            authority's network. Hospital discharge teams can see whether a patient already
            has a care package, and social workers are notified electronically when a client
            is admitted.
        """,
        "links": [
            (
                "policy",
                "Building the Information Core: the NHS information strategy",
                "https://www.doh.gov.uk/ipu/strategy/",
            ),
            (
                "research",
                "Electronic social care records",
                "https://www.doh.gov.uk/ipu/socialcare/",
            ),
        ],
    },
    {
        "title": "Haringey Neighbourhood Forums Online",
        "programme": "pathfinder",
        "status": "completed",
        "lead": "haringey",
        "partners": ["communities-online", "middlesex-university"],
        "sub_regions": ["north"],
        "sectors": ["local-authority", "voluntary", "education"],
        "themes": ["e-democracy", "community web sites", "social inclusion"],
        "start": "2001-04-01",
        "end": "2003-03-31",
        "budget": 380000,
        "summary": """
            Online neighbourhood forums linked to Haringey's area assemblies, so residents can
            raise issues and follow up decisions between meetings.
        """,
        "description": """
            Each area assembly has an online forum, run by a trained volunteer moderator, where
            residents raise local issues and officers reply. Middlesex University studied who
            takes part and found that online participants are younger than those at meetings.
        """,
        "links": [
            ("site", "Haringey area assemblies", "https://www.haringey.gov.uk/assemblies/"),
            (
                "evaluation",
                "Middlesex University: neighbourhood forums evaluation",
                "https://www.mdx.ac.uk/research/haringey-forums/",
            ),
        ],
    },
    {
        "title": "North London e-Learning Grid",
        "programme": "ec",
        "status": "active",
        "lead": "middlesex-university",
        "partners": ["barnet", "enfield", "haringey"],
        "sub_regions": ["north"],
        "sectors": ["education", "local-authority"],
        "themes": ["e-learning", "social inclusion", "secure networks"],
        "start": "2002-09-01",
        "end": "2005-08-31",
        "budget": 870000,
        "summary": """
            A shared network and online learning service linking libraries, adult education
            centres and the university across Barnet, Enfield and Haringey.
        """,
        "description": """
            Funded through the European Social Fund with match funding from the three
            boroughs, the grid gives learners one login to courses wherever they study. Tutors
            share materials through a common learning platform.
        """,
        "links": [
            ("site", "North London learning grid", "https://www.mdx.ac.uk/learninggrid/"),
            (
                "policy",
                "European Social Fund objective 3 in London",
                "https://www.esf.gov.uk/objective3/",
            ),
        ],
    },
    # -- South London ---------------------------------------------------------------------
    {
        "title": "Croydon Online Access Points",
        "programme": "isb",
        "status": "completed",
        "lead": "croydon",
        "partners": ["croydon-pct"],
        "sub_regions": ["south"],
        "sectors": ["local-authority", "nhs"],
        "themes": ["social inclusion", "electronic service delivery", "e-payments"],
        "start": "1999-06-01",
        "end": "2001-06-30",
        "budget": 1050000,
        "summary": """
            Touch-screen kiosks in libraries, shopping centres and health centres where
            residents pay bills and find council and health information.
        """,
        "description": """
            One of the first round of Invest to Save projects, the kiosks take payments for
            council tax, rents and fines, and offer information on council and health
            services. Kiosks in health centres carry information from the primary care trust.

            The evaluation found heavy use in shopping centres but little in health centres,
            which have since been replaced with staffed help points.
        """,
        "links": [
            (
                "evaluation",
                "Invest to Save Budget: Croydon kiosks evaluation",
                "https://www.isb.gov.uk/projects/croydon-kiosks/",
            ),
            ("site", "Croydon access points", "https://www.croydon.gov.uk/accesspoints/"),
        ],
        "interest": ["sutton", "merton"],
    },
    {
        "title": "South London e-Procurement Consortium",
        "programme": "isb",
        "status": "active",
        "lead": "croydon",
        "partners": [
            "sutton",
            "merton",
            "kingston-upon-thames",
            "bromley",
            "richmond-upon-thames",
        ],
        "sub_regions": ["south"],
        "sectors": ["local-authority"],
        "themes": ["e-procurement", "joint procurement"],
        "start": "2002-04-01",
        "end": "2004-09-30",
        "budget": 1400000,
        "summary": """
            Six south London boroughs buying and running one electronic procurement system,
            with shared catalogues and joint contracts.
        """,
        "description": """
            The consortium tendered once for an e-procurement system that all six councils
            now use, with a shared catalogue of contracted goods. Joint contracts for
            stationery, IT equipment and agency staff were let in the first year.

            The partners estimate savings of over £3 million over five years, mostly from
            better prices on joint contracts.
        """,
        "links": [
            (
                "site",
                "South London Partnership procurement",
                "https://www.southlondonpartnership.org.uk/procurement/",
            ),
            (
                "policy",
                "Local government e-procurement strategy",
                "https://www.odpm.gov.uk/localgov/eprocurement/",
            ),
        ],
    },
    {
        "title": "Croydon Integrated Contact Centre",
        "programme": "local",
        "status": "completed",
        "lead": "croydon",
        "partners": ["croydon-pct"],
        "sub_regions": ["south"],
        "sectors": ["local-authority", "nhs"],
        "themes": ["customer relationship management", "electronic service delivery"],
        "start": "2000-09-01",
        "end": "2002-08-31",
        "budget": 2100000,
        "summary": """
            One telephone number for Croydon council services, with the primary care trust's
            patient information line run from the same centre.
        """,
        "description": """
            The contact centre handles most council enquiries on one number, from 8am to 8pm.
            The primary care trust pays for advisers who answer its patient information line
            using the same systems.
        """,
        "links": [
            ("site", "Croydon Contact", "https://www.croydon.gov.uk/contact/"),
        ],
    },
    {
        "title": "Croydon Integrated Care Record Pilot",
        "programme": "central",
        "status": "active",
        "lead": "croydon-pct",
        "partners": ["croydon"],
        "sub_regions": ["south"],
        "sectors": ["nhs", "local-authority"],
        "themes": ["information sharing", "mobile working"],
        "start": "2002-10-01",
        "end": "2004-09-30",
        "budget": 700000,
        "summary": """
            A shared record for people receiving both community health and social care in
            Croydon, available to staff on home visits.
        """,
        "description": """
            District nurses and care managers working with the same clients record visits in
            one place. The pilot covers two neighbourhoods and will decide whether the shared
            record is extended across the borough.
        """,
        "links": [
            (
                "policy",
                "Electronic records development and implementation programme",
                "https://www.nhsia.nhs.uk/erdip/",
            ),
        ],
    },
    {
        "title": "Sutton Sustainable Communities Information Network",
        "programme": "ec",
        "status": "completed",
        "lead": "sutton",
        "partners": ["kingston-upon-thames", "merton"],
        "sub_regions": ["south"],
        "sectors": ["local-authority"],
        "themes": ["geographic information", "community web sites", "e-democracy"],
        "start": "2000-01-01",
        "end": "2002-06-30",
        "budget": 380000,
        "summary": """
            An EC Interreg project sharing environmental information with residents through
            maps and community web sites, with partners in four European cities.
        """,
        "description": """
            Residents can look up air quality, recycling rates and local environmental projects
            on a map, and community groups can publish their own projects. Sutton's European
            partners built similar services, and the partners compared approaches at four
            exchange visits.
        """,
        "links": [
            ("site", "Sutton environment online", "https://www.sutton.gov.uk/environment/"),
            (
                "policy",
                "Interreg: European territorial co-operation",
                "https://europa.eu.int/comm/regional_policy/interreg3/",
            ),
        ],
    },
    {
        "title": "Kingston Libraries e-Learning Centres",
        "programme": "central",
        "status": "completed",
        "lead": "kingston-upon-thames",
        "partners": [],
        "sub_regions": ["south"],
        "sectors": ["local-authority"],
        "themes": ["e-learning", "social inclusion"],
        "start": "2000-04-01",
        "end": "2002-03-31",
        "budget": 450000,
        "summary": """
            Public internet access and learning centres in every Kingston library, as part of
            the national People's Network.
        """,
        "description": """
            All library branches now have free internet access and learning software, and
            library staff have been trained to help users. Booked sessions can be made online
            or at any branch.
        """,
        "links": [
            ("policy", "The People's Network", "https://www.peoplesnetwork.gov.uk/"),
        ],
    },
    {
        "title": "Merton Street Care Mobile Reporting",
        "programme": "local",
        "status": "proposed",
        "publication": "draft",
        "lead": "merton",
        "partners": [],
        "sub_regions": ["south"],
        "sectors": ["local-authority"],
        "themes": ["mobile working", "electronic service delivery", "geographic information"],
        "start": "2003-04-01",
        "end": "2004-03-31",
        "budget": 150000,
        "summary": """
            Handheld reporting of street faults by Merton's street care officers, with
            residents able to track reports online.
        """,
        "description": """
            The council plans to adapt the approach of Westminster's City Guardians to its own
            street care teams and to show every open report on a web map.
        """,
        "links": [
            ("site", "Merton street care", "https://www.merton.gov.uk/streetcare/"),
        ],
    },
    {
        "title": "Richmond upon Thames Online Consultation Toolkit",
        "programme": "central",
        "status": "completed",
        "lead": "richmond-upon-thames",
        "partners": ["communities-online"],
        "sub_regions": ["south"],
        "sectors": ["local-authority", "voluntary"],
        "themes": ["e-democracy", "community web sites"],
        "start": "2001-05-01",
        "end": "2002-10-31",
        "budget": 120000,
        "summary": """
            A reusable toolkit for running online consultations, from questionnaire design to
            publishing the results.
        """,
        "description": """
            The toolkit gives council officers templates, guidance and a simple survey system
            for online consultation. It was used for eleven consultations in its first year,
            and has been released free of charge to other councils.
        """,
        "links": [
            (
                "site",
                "Richmond consultation toolkit",
                "https://www.richmond.gov.uk/consultationtoolkit/",
            ),
            (
                "research",
                "Online consultation in local government",
                "https://www.idea.gov.uk/knowledge/consultation/",
            ),
        ],
    },
    {
        "title": "Wandsworth Online Council Tax and Benefits",
        "programme": "local",
        "status": "completed",
        "lead": "wandsworth",
        "partners": [],
        "sub_regions": ["south"],
        "sectors": ["local-authority"],
        "themes": ["e-payments", "electronic service delivery"],
        "start": "1999-10-01",
        "end": "2001-03-31",
        "budget": 520000,
        "summary": """
            Council tax payments, direct debit sign-up and benefit claim tracking on the web
            and by automated telephone.
        """,
        "description": """
            Residents can pay council tax, set up a direct debit, report a change of address
            and check the progress of a benefit claim online or by phone, at any time of day.
        """,
        "links": [
            ("site", "Wandsworth council tax", "https://www.wandsworth.gov.uk/counciltax/"),
        ],
    },
    {
        "title": "Bromley Carers' Information Network",
        "programme": "local",
        "status": "active",
        "lead": "bromley",
        "partners": ["lvsc"],
        "sub_regions": ["south"],
        "sectors": ["local-authority", "voluntary"],
        "themes": ["information sharing", "social inclusion", "community web sites"],
        "start": "2002-06-01",
        "end": "2004-05-31",
        "budget": 210000,
        "summary": """
            A web site and directory of support for unpaid carers in Bromley, kept up to date
            jointly by the council and voluntary organisations.
        """,
        "description": """
            Voluntary organisations update their own entries in a shared directory of carers'
            services, which is published on the web and printed quarterly for carers without
            internet access. A discussion forum lets carers support one another.
        """,
        "links": [
            ("site", "Bromley carers", "https://www.bromley.gov.uk/carers/"),
        ],
    },
    {
        "title": "RSL Online Repairs Reporting",
        "programme": "isb",
        "status": "proposed",
        "lead": "london-and-quadrant",
        "partners": ["east-thames-housing", "peabody-trust", "bt"],
        "sub_regions": ["south", "east"],
        "sectors": ["housing", "private"],
        "themes": ["electronic service delivery", "mobile working"],
        "start": "2003-04-01",
        "end": "2004-09-30",
        "budget": 350000,
        "summary": """
            An Invest to Save bid from three housing associations for shared online and
            telephone repairs reporting, with appointments booked at first contact.
        """,
        "description": """
            Tenants would report a repair online, by phone or at a council one-stop shop, and
            be offered an appointment straight away. The landlords would share one reporting
            system but keep their own contractors.
        """,
        "links": [
            (
                "policy",
                "Housing Corporation: e-government for RSLs",
                "https://www.housingcorp.gov.uk/egov/",
            ),
        ],
    },
    # -- West London ----------------------------------------------------------------------
    {
        "title": "Brent Electronic Service Delivery Pathfinder",
        "programme": "pathfinder",
        "status": "completed",
        "lead": "brent",
        "partners": ["brent-and-harrow-ha"],
        "sub_regions": ["west"],
        "sectors": ["local-authority", "nhs"],
        "themes": [
            "electronic service delivery",
            "customer relationship management",
            "geographic information",
        ],
        "start": "2001-04-01",
        "end": "2003-03-31",
        "budget": 1600000,
        "summary": """
            A pathfinder joining up Brent's one-stop shops, call centre and web site around
            life events such as moving home, having a baby and bereavement.
        """,
        "description": """
            Staff in Brent's one-stop shops can now deal with a house move or a bereavement in
            one visit, updating council tax, benefits, electoral registration and library
            records together. The health authority joined the bereavement service so that
            families are not contacted about appointments after a death.

            The pathfinder's life-event designs and lessons have been published for other
            authorities.
        """,
        "links": [
            ("site", "Brent one-stop shops", "https://www.brent.gov.uk/onestopshops/"),
            (
                "evaluation",
                "Brent pathfinder: final report",
                "https://www.brent.gov.uk/pathfinder/report/",
            ),
        ],
    },
    {
        "title": "West London Secure Network",
        "programme": "isb",
        "status": "active",
        "lead": "brent",
        "partners": [
            "ealing",
            "hammersmith-and-fulham",
            "harrow",
            "hillingdon",
            "hounslow",
            "brent-and-harrow-ha",
            "metropolitan-police",
        ],
        "sub_regions": ["west"],
        "sectors": ["local-authority", "nhs", "police"],
        "themes": ["secure networks", "information sharing", "joint procurement"],
        "start": "2002-01-01",
        "end": "2004-03-31",
        "budget": 2800000,
        "summary": """
            A jointly procured secure network linking the six West London Alliance boroughs
            with each other, the NHS and the police.
        """,
        "description": """
            The boroughs bought the network together, through one tender, and share its
            management. It carries e-mail, shared applications and the secure links needed
            for information sharing with health and police partners.

            The network is designed to connect to the proposed London Public Services Network.
        """,
        "links": [
            (
                "site",
                "West London Alliance e-government",
                "https://www.westlondonalliance.org/egov/",
            ),
            (
                "policy",
                "Government Secure Intranet and local government",
                "https://www.e-envoy.gov.uk/gsi/",
            ),
        ],
    },
    {
        "title": "Ealing Electronic Social Care Record",
        "programme": "central",
        "status": "active",
        "lead": "ealing",
        "partners": ["nhs-information-authority"],
        "sub_regions": ["west"],
        "sectors": ["local-authority", "nhs"],
        "themes": ["information sharing", "secure networks", "mobile working"],
        "start": "2002-07-01",
        "end": "2004-12-31",
        "budget": 940000,
        "summary": """
            Moving Ealing social services from paper case files to an electronic social care
            record, ready to link with NHS records.
        """,
        "description": """
            Ealing is replacing paper case files with an electronic record, following the
            national information requirements for social care. Back files are being scanned,
            and social workers are trialling laptops for recording on visits.
        """,
        "links": [
            (
                "policy",
                "Information for Social Care",
                "https://www.doh.gov.uk/ipu/socialcare/escr/",
            ),
        ],
    },
    {
        "title": "Ealing Public Information Kiosks",
        "programme": "local",
        "status": "closed",
        "publication": "archived",
        "lead": "ealing",
        "partners": [],
        "sub_regions": ["west"],
        "sectors": ["local-authority"],
        "themes": ["electronic service delivery", "social inclusion"],
        "start": "1999-05-01",
        "end": "2000-12-31",
        "budget": 230000,
        "summary": """
            Information kiosks in Ealing town centres, withdrawn after low use and high
            maintenance costs.
        """,
        "description": """
            Twelve kiosks offered council information and job vacancies. Use fell after the
            first months and several were repeatedly vandalised, so the council closed the
            project and moved the money into its web site and libraries.
        """,
        "links": [
            (
                "evaluation",
                "Ealing kiosks: closure report",
                "https://www.ealing.gov.uk/kiosks/closure/",
            ),
        ],
    },
    {
        "title": "Access Harrow Customer Services",
        "programme": "local",
        "status": "completed",
        "lead": "harrow",
        "partners": [],
        "sub_regions": ["west"],
        "sectors": ["local-authority"],
        "themes": ["customer relationship management", "electronic service delivery"],
        "start": "2000-11-01",
        "end": "2002-10-31",
        "budget": 1250000,
        "summary": """
            A contact centre and one-stop shop for Harrow, supported by a customer
            relationship management system and a rebuilt web site.
        """,
        "description": """
            Access Harrow answers most council enquiries on one phone number and at one
            front desk in the civic centre. The contact centre has extended opening hours and
            publishes its performance against answering targets every month.
        """,
        "links": [
            ("site", "Access Harrow", "https://www.harrow.gov.uk/accessharrow/"),
        ],
        "interest": ["hillingdon", "hounslow"],
    },
    {
        "title": "Hillingdon Heathrow Villages Community Web Sites",
        "programme": "local",
        "status": "completed",
        "lead": "hillingdon",
        "partners": ["communities-online"],
        "sub_regions": ["west"],
        "sectors": ["local-authority", "voluntary"],
        "themes": ["community web sites", "social inclusion"],
        "start": "2001-01-01",
        "end": "2002-06-30",
        "budget": 95000,
        "summary": """
            Web sites for the villages around Heathrow, run by local residents with help from
            the council and Communities Online.
        """,
        "description": """
            Five village web sites carry local news, events and community group pages, written
            by residents. The council provides hosting and links the sites to its own
            information about the airport and its neighbours.
        """,
        "links": [
            (
                "site",
                "Heathrow villages online",
                "https://www.hillingdon.gov.uk/heathrowvillages/",
            ),
        ],
    },
    {
        "title": "Hounslow Online Job Brokerage",
        "programme": "ec",
        "status": "closed",
        "lead": "hounslow",
        "partners": ["lvsc"],
        "sub_regions": ["west"],
        "sectors": ["local-authority", "voluntary"],
        "themes": ["social inclusion", "e-learning", "electronic service delivery"],
        "start": "2000-09-01",
        "end": "2002-03-31",
        "budget": 330000,
        "summary": """
            An ESF-funded online job matching service for local residents and employers
            around Heathrow, closed early when match funding ended.
        """,
        "description": """
            The service matched local jobseekers with vacancies at airport employers and
            offered online training in interview skills. It closed six months early when
            match funding was withdrawn; its vacancy data has passed to the local Jobcentre.
        """,
        "links": [
            (
                "policy",
                "European Social Fund objective 3 in London",
                "https://www.esf.gov.uk/objective3/",
            ),
        ],
    },
    {
        "title": "Hammersmith and Fulham Digital Television Trial",
        "programme": "central",
        "status": "closed",
        "lead": "hammersmith-and-fulham",
        "partners": [],
        "sub_regions": ["west"],
        "sectors": ["local-authority"],
        "themes": ["digital TV", "electronic service delivery", "social inclusion"],
        "start": "2001-06-01",
        "end": "2002-05-31",
        "budget": 280000,
        "summary": """
            A trial of council services on digital terrestrial television, ended when the
            platform operator went into administration.
        """,
        "description": """
            Around 600 households used the service to look up council information and request
            bulky waste collections. The trial closed in spring 2002 when the pay-TV
            terrestrial service it ran on collapsed; the council's content has been offered to
            the national digital TV project.
        """,
        "links": [
            (
                "evaluation",
                "Digital TV trial: what we learned",
                "https://www.lbhf.gov.uk/digitaltv/lessons/",
            ),
        ],
    },
    # -- London-wide and cross-sector -----------------------------------------------------
    {
        "title": "London NHS and Local Authority Secure Connectivity",
        "programme": "central",
        "status": "active",
        "lead": "nhs-executive-london",
        "partners": [
            "nhs-information-authority",
            "alg",
            "socitm-london",
            "london-health-observatory",
            "londonconnects",
            "east-london-and-the-city-ha",
            "camden-and-islington-ha",
            "brent-and-harrow-ha",
            "barnet-enfield-and-haringey-ha",
        ],
        "sub_regions": ALL_SUB_REGIONS,
        "sectors": ["nhs", "local-authority", "government"],
        "themes": ["secure networks", "information sharing"],
        "start": "2002-02-01",
        "end": "2004-03-31",
        "budget": 4500000,
        "summary": """
            Secure connections between all 33 London local authorities and NHSnet, with
            London-wide agreements for sharing information between health and social care.
        """,
        "description": """
            Prepared by the NHS in London with local authorities, SOCITM, the social services
            IT group and the London Health Observatory, the project starts with London-wide
            workshops on NHS connectivity and security and on information-sharing protocols,
            drawing on national good practice.

            Its main outcome will be a bid for funding to connect every London authority to
            NHSnet, so that social services, housing and environmental health staff can work
            with NHS colleagues over a secure network. Guidance from the workshops will be
            published on the LondonConnects web site.
        """,
        "links": [
            (
                "site",
                "LondonConnects: NHS and local authority connectivity",
                "https://www.londonconnects.gov.uk/nhs-connectivity/",
            ),
            (
                "policy",
                "NHSnet connection code of connection",
                "https://www.nhsia.nhs.uk/nhsnet/coco/",
            ),
            (
                "research",
                "Information sharing protocols: national good practice",
                "https://www.doh.gov.uk/ipu/confiden/protocols/",
            ),
        ],
        "interest": [
            "camden",
            "hackney",
            "southwark",
            "ealing",
            "enfield",
            "croydon",
            "sutton",
            "newham",
        ],
    },
    {
        "title": "NHSnet Access for Social Services Departments",
        "programme": "central",
        "status": "completed",
        "lead": "nhs-information-authority",
        "partners": ["socitm-london", "nhs-executive-london"],
        "sub_regions": ALL_SUB_REGIONS,
        "sectors": ["nhs", "local-authority"],
        "themes": ["secure networks", "information sharing"],
        "start": "2000-04-01",
        "end": "2002-03-31",
        "budget": 600000,
        "summary": """
            Pilot connections to NHSnet for London social services departments, and the
            security rules they must meet.
        """,
        "description": """
            Eight London social services departments were connected to NHSnet through a
            managed gateway. The project settled the code of connection for local
            authorities, which the wider London connectivity project now builds on.
        """,
        "links": [
            ("site", "NHSnet", "https://www.nhsia.nhs.uk/nhsnet/"),
            (
                "evaluation",
                "NHSnet for social services: pilot evaluation",
                "https://www.nhsia.nhs.uk/nhsnet/socialservices/",
            ),
        ],
    },
    {
        "title": "London Health Information Atlas",
        "programme": "central",
        "status": "completed",
        "lead": "london-health-observatory",
        "partners": ["greater-london-authority", "nhs-executive-london"],
        "sub_regions": ALL_SUB_REGIONS,
        "sectors": ["nhs", "government"],
        "themes": ["geographic information", "information sharing"],
        "start": "2001-01-01",
        "end": "2002-06-30",
        "budget": 150000,
        "summary": """
            An online atlas of health indicators for every London borough and ward, for use in
            health improvement programmes and community plans.
        """,
        "description": """
            The atlas maps death rates, hospital admissions, deprivation and other indicators
            at ward level. Local strategic partnerships use it to target health improvement
            work, and the data can be downloaded for local analysis.
        """,
        "links": [
            ("site", "London health atlas", "https://www.lho.org.uk/atlas/"),
            (
                "research",
                "Health in London: annual report",
                "https://www.lho.org.uk/reports/health-in-london/",
            ),
        ],
    },
    {
        "title": "Metropolitan Police Online Crime Reporting",
        "programme": "central",
        "status": "active",
        "lead": "metropolitan-police",
        "partners": [],
        "sub_regions": ALL_SUB_REGIONS,
        "sectors": ["police"],
        "themes": ["electronic service delivery", "information sharing", "secure networks"],
        "start": "2002-03-01",
        "end": "2003-09-30",
        "budget": 800000,
        "summary": """
            Reporting of minor crimes, such as theft and criminal damage, through the Met's
            web site.
        """,
        "description": """
            Victims of minor crimes can report them online and receive a crime reference
            number by e-mail. Reports are checked by officers before being entered on the
            crime recording system, and urgent cases are flagged for immediate response.
        """,
        "links": [
            ("site", "Report a crime online", "https://www.met.police.uk/reportcrime/"),
            (
                "policy",
                "Police Information Technology Organisation",
                "https://www.pito.org.uk/",
            ),
        ],
        "interest": ["city-of-london-police"],
    },
    {
        "title": "London Fire Brigade Mobile Data Terminals",
        "programme": "central",
        "status": "active",
        "lead": "london-fire-brigade",
        "partners": [],
        "sub_regions": ALL_SUB_REGIONS,
        "sectors": ["fire"],
        "themes": ["mobile working", "geographic information", "secure networks"],
        "start": "2002-06-01",
        "end": "2004-12-31",
        "budget": 3200000,
        "summary": """
            Computers in every fire engine showing building plans, hazards and water supplies
            on the way to an incident.
        """,
        "description": """
            Crews receive information about the building they are going to, including
            chemicals stored there and the nearest hydrants, over a secure radio data link.
            Address data comes from the borough gazetteers, which makes the boroughs'
            gazetteer work important to the brigade.
        """,
        "links": [
            ("site", "London Fire Brigade", "https://www.london-fire.gov.uk/mdt/"),
        ],
        "interest": ["london-ambulance-service"],
    },
    {
        "title": "London Ambulance Mobile Data and Patient Handover",
        "programme": "central",
        "status": "active",
        "lead": "london-ambulance-service",
        "partners": ["nhs-information-authority"],
        "sub_regions": ALL_SUB_REGIONS,
        "sectors": ["nhs"],
        "themes": ["mobile working", "information sharing", "secure networks"],
        "start": "2002-04-01",
        "end": "2004-03-31",
        "budget": 2600000,
        "summary": """
            Mobile data for ambulance crews and electronic patient handover to accident and
            emergency departments.
        """,
        "description": """
            Crews receive call details on a terminal in the vehicle and send patient
            observations ahead to the receiving hospital, so that the emergency department is
            ready when the patient arrives.
        """,
        "links": [
            (
                "site",
                "London Ambulance Service",
                "https://www.londonambulance.nhs.uk/mobiledata/",
            ),
        ],
    },
    {
        "title": "London Plan Online Consultation",
        "programme": "local",
        "status": "completed",
        "lead": "greater-london-authority",
        "partners": ["alg"],
        "sub_regions": ALL_SUB_REGIONS,
        "sectors": ["government", "local-authority"],
        "themes": ["e-democracy", "geographic information"],
        "start": "2001-06-01",
        "end": "2002-06-30",
        "budget": 140000,
        "summary": """
            Online consultation on the Mayor's draft spatial development strategy for London,
            with interactive maps of the proposals.
        """,
        "description": """
            The draft London Plan was published online with maps of the proposed opportunity
            areas and sub-regions, and comments could be made on any section. Online responses
            were handled alongside written ones and published with the examination papers.
        """,
        "links": [
            (
                "site",
                "The draft London Plan",
                "https://www.london.gov.uk/mayor/planning/draft-london-plan/",
            ),
            (
                "policy",
                "Towards the London Plan",
                "https://www.london.gov.uk/mayor/planning/towards/",
            ),
        ],
    },
    {
        "title": "London Transport Smart Card Interoperability Study",
        "programme": "local",
        "status": "active",
        "lead": "transport-for-london",
        "partners": ["newham", "southwark", "greater-london-authority", "alg"],
        "sub_regions": ALL_SUB_REGIONS,
        "sectors": ["government", "local-authority"],
        "themes": ["smart cards", "e-payments", "joint procurement"],
        "start": "2002-01-01",
        "end": "2003-06-30",
        "budget": 250000,
        "summary": """
            A study of how council smart cards could work alongside the transport smart card
            being introduced for London's buses and Underground.
        """,
        "description": """
            The study looks at shared card standards, whether council applications could sit
            on the transport card, and the commercial and data protection issues. Newham and
            Southwark bring their pilot experience; the ALG represents the other boroughs.
        """,
        "links": [
            ("site", "Transport for London smart card", "https://www.tfl.gov.uk/smartcard/"),
            (
                "research",
                "London Smart Card Forum papers",
                "https://www.londonconnects.gov.uk/smartcards/papers/",
            ),
        ],
    },
    {
        "title": "London Boroughs e-Procurement Framework",
        "programme": "isb",
        "status": "active",
        "lead": "alg",
        "partners": ["socitm-london", "camden", "croydon", "ealing"],
        "sub_regions": ALL_SUB_REGIONS,
        "sectors": ["government", "local-authority"],
        "themes": ["e-procurement", "joint procurement"],
        "start": "2001-10-01",
        "end": "2003-09-30",
        "budget": 1900000,
        "summary": """
            A London-wide framework agreement that lets any borough buy e-procurement systems
            and services without running its own tender.
        """,
        "description": """
            The ALG ran one European tender on behalf of all 33 authorities and appointed
            three suppliers to a framework. Boroughs can call off from the framework, saving
            the cost and time of separate procurements.

            Camden, Croydon and Ealing were the first to use it and are sharing their
            implementation plans.
        """,
        "links": [
            (
                "site",
                "ALG e-procurement framework",
                "https://www.alg.gov.uk/eprocurement/",
            ),
            (
                "policy",
                "Byatt review of local government procurement",
                "https://www.odpm.gov.uk/localgov/byatt/",
            ),
        ],
        "interest": ["hackney", "enfield", "greenwich", "westminster"],
    },
    {
        "title": "London IEG Statement Review",
        "programme": "central",
        "status": "completed",
        "lead": "government-office-for-london",
        "partners": ["alg", "londonconnects", "socitm-london"],
        "sub_regions": ALL_SUB_REGIONS,
        "sectors": ["government", "local-authority"],
        "themes": ["electronic service delivery", "information sharing"],
        "start": "2001-06-01",
        "end": "2002-03-31",
        "budget": 90000,
        "summary": """
            A review of the London boroughs' Implementing Electronic Government statements to
            find common needs and chances for joint work.
        """,
        "description": """
            The review read all 33 statements and found that most boroughs plan similar work
            on contact centres, document management and e-procurement, often with the same
            suppliers. Its recommendations shaped the LondonConnects work programme.
        """,
        "links": [
            (
                "policy",
                "Implementing Electronic Government: guidance",
                "https://www.odpm.gov.uk/localgov/ieg/",
            ),
            (
                "research",
                "IEG statements in London: summary report",
                "https://www.londonconnects.gov.uk/ieg-review/",
            ),
        ],
    },
    {
        "title": "LondonConnects Web Site and Registers",
        "programme": "local",
        "status": "completed",
        "lead": "londonconnects",
        "partners": ["greater-london-authority", "alg", "government-office-for-london"],
        "sub_regions": ALL_SUB_REGIONS,
        "sectors": ["government"],
        "themes": ["information sharing", "electronic service delivery"],
        "start": "2001-10-01",
        "end": "2002-04-01",
        "budget": 220000,
        "summary": """
            This site: registers of London's e-government projects, contacts, funding and
            papers, with discussion forums and an index of useful links.
        """,
        "description": """
            The site answers the lack of clear, well organised information about who is doing
            what in London's e-government. Partner officers keep their own organisations'
            entries up to date, and everything is open to the public.
        """,
        "links": [
            ("site", "LondonConnects", "https://www.londonconnects.gov.uk/"),
        ],
    },
    {
        "title": "London Community Web Sites Study",
        "programme": "local",
        "status": "completed",
        "lead": "londonconnects",
        "partners": ["communities-online", "lvsc"],
        "sub_regions": ALL_SUB_REGIONS,
        "sectors": ["government", "voluntary"],
        "themes": ["community web sites", "social inclusion"],
        "start": "2002-01-01",
        "end": "2002-09-30",
        "budget": 45000,
        "summary": """
            A survey of local community web sites in London, followed by a London-wide seminar
            on spreading good practice and finding funding.
        """,
        "description": """
            The study found over 300 community web sites in London, most run by volunteers
            with little funding. A seminar run with Communities Online brought site owners
            together with councils and funders, and led to the London Community Web Sites
            Network.
        """,
        "links": [
            (
                "research",
                "Community web sites in London: study report",
                "https://www.londonconnects.gov.uk/community-web-sites/",
            ),
            ("site", "Communities Online", "https://www.communities.org.uk/"),
        ],
    },
    {
        "title": "London Public Services Network Feasibility Study",
        "programme": "central",
        "status": "proposed",
        "publication": "draft",
        "lead": "londonconnects",
        "partners": ["alg", "nhs-executive-london", "metropolitan-police", "bt"],
        "sub_regions": ALL_SUB_REGIONS,
        "sectors": ["government", "nhs", "police", "private"],
        "themes": ["secure networks", "joint procurement", "information sharing"],
        "start": "2003-01-01",
        "end": "2003-12-31",
        "budget": 300000,
        "summary": """
            A study of a shared secure network for all London public services, carrying the
            information flows that joint working needs.
        """,
        "description": """
            The study will map the networks partners already run, the information that needs
            to flow between them, and shared standards for security and encryption, and will
            recommend whether to procure a London Public Services Network together.
        """,
        "links": [
            (
                "policy",
                "LondonConnects strategy: working together",
                "https://www.londonconnects.gov.uk/strategy/",
            ),
        ],
    },
    {
        "title": "LondonConnects Shareware Clubs",
        "programme": "local",
        "status": "active",
        "lead": "londonconnects",
        "partners": ["newham", "alg", "socitm-london"],
        "sub_regions": ALL_SUB_REGIONS,
        "sectors": ["government", "local-authority"],
        "themes": [
            "customer relationship management",
            "joint procurement",
            "information sharing",
        ],
        "start": "2002-04-01",
        "end": "2004-03-31",
        "budget": 60000,
        "summary": """
            Support for "shareware clubs" that bring together every organisation interested
            in a single e-government project, following Newham's approach.
        """,
        "description": """
            A club forms around a project that others want to reuse. Members share
            specifications, scripts and lessons, and can buy together. LondonConnects provides
            meeting space, a forum and the register of interest on this site.

            The first club, around Newham's customer relationship management system, has more
            than ten members.
        """,
        "links": [
            (
                "site",
                "Shareware clubs",
                "https://www.londonconnects.gov.uk/shareware-clubs/",
            ),
        ],
    },
    {
        "title": "London Voluntary Sector ICT Capacity Building",
        "programme": "ec",
        "status": "active",
        "lead": "lvsc",
        "partners": ["communities-online"],
        "sub_regions": ALL_SUB_REGIONS,
        "sectors": ["voluntary"],
        "themes": ["social inclusion", "e-learning", "community web sites"],
        "start": "2001-09-01",
        "end": "2004-08-31",
        "budget": 720000,
        "summary": """
            ESF-funded training and support to help London's small voluntary organisations
            use computers, e-mail and the web in their work.
        """,
        "description": """
            Circuit riders visit small organisations to set up equipment and train staff, and
            a programme of short courses covers web publishing, databases and online
            fundraising. Over 400 organisations have taken part.
        """,
        "links": [
            ("site", "LVSC ICT programme", "https://www.lvsc.org.uk/ict/"),
            (
                "research",
                "ICT in London's voluntary sector: survey",
                "https://www.lvsc.org.uk/research/ict-survey/",
            ),
        ],
        "interest": ["peabody-trust"],
    },
    {
        "title": "London e-Government Benchmarking Survey",
        "programme": "local",
        "status": "completed",
        "lead": "socitm-london",
        "partners": ["alg", "londonconnects"],
        "sub_regions": ALL_SUB_REGIONS,
        "sectors": ["local-authority", "government"],
        "themes": ["electronic service delivery", "information sharing"],
        "start": "2001-09-01",
        "end": "2002-05-31",
        "budget": 35000,
        "summary": """
            A survey of London borough web sites and IT spending, comparing progress towards
            the 2005 e-government target.
        """,
        "description": """
            Every London borough's web site was assessed against a common set of criteria, and
            heads of IT reported spending and staffing. The results were shared with
            participants and a summary was published.
        """,
        "links": [
            (
                "research",
                "Better connected: local authority web sites",
                "https://www.socitm.gov.uk/insight/better-connected/",
            ),
        ],
    },
    {
        "title": "East London Integrated Care Records",
        "programme": "ec",
        "status": "active",
        "lead": "east-london-and-the-city-ha",
        "partners": [
            "hackney",
            "newham",
            "tower-hamlets",
            "city-of-london",
            "university-of-east-london",
        ],
        "sub_regions": ["east", "central"],
        "sectors": ["nhs", "local-authority", "education"],
        "themes": ["information sharing", "secure networks"],
        "start": "2001-06-01",
        "end": "2003-11-30",
        "budget": 1450000,
        "summary": """
            An EC IST programme project linking health and social care records in east London,
            with partners in three other European cities.
        """,
        "description": """
            The project is building a record locator that shows which health and social care
            organisations hold records about a person, with consent controls agreed with
            patients' representatives. The European partners are testing the same design in
            their own cities.
        """,
        "links": [
            (
                "policy",
                "EC Information Society Technologies programme",
                "https://www.cordis.lu/ist/",
            ),
            (
                "research",
                "UEL: consent and shared care records",
                "https://www.uel.ac.uk/research/sharedcare/",
            ),
        ],
        "interest": ["waltham-forest"],
    },
    {
        "title": "East London Online Learning Network",
        "programme": "ec",
        "status": "active",
        "lead": "university-of-east-london",
        "partners": ["newham", "tower-hamlets", "barking-and-dagenham", "lvsc"],
        "sub_regions": ["east"],
        "sectors": ["education", "local-authority", "voluntary"],
        "themes": ["e-learning", "social inclusion"],
        "start": "2001-01-01",
        "end": "2003-12-31",
        "budget": 1150000,
        "summary": """
            Online courses and local learning centres for adults in east London, funded by the
            European Social Fund and the European Regional Development Fund.
        """,
        "description": """
            Learners study online at community learning centres with tutor support, and can
            move on to university courses. Centres are run with the boroughs and voluntary
            organisations.
        """,
        "links": [
            ("site", "East London online learning", "https://www.uel.ac.uk/onlinelearning/"),
        ],
    },
    {
        "title": "East Thames Tenant Smart Card",
        "programme": "local",
        "status": "proposed",
        "publication": "draft",
        "lead": "east-thames-housing",
        "partners": ["newham"],
        "sub_regions": ["east"],
        "sectors": ["housing", "local-authority"],
        "themes": ["smart cards", "e-payments", "social inclusion"],
        "start": "2003-09-01",
        "end": "2005-03-31",
        "budget": 260000,
        "summary": """
            A proposal to add rent payment and estate services to the Newham Card for East
            Thames tenants in the borough.
        """,
        "description": """
            Tenants would pay rent and service charges with their card and use it for entry
            to community rooms. The partners are checking whether the card's purse can meet
            the housing association's audit requirements.
        """,
        "links": [
            ("site", "East Thames tenants", "https://www.east-thames.co.uk/tenants/"),
        ],
    },
    {
        "title": "London Broadband Aggregation Pilot",
        "programme": "local",
        "status": "proposed",
        "lead": "bt",
        "partners": ["greater-london-authority", "socitm-london", "alg"],
        "sub_regions": ALL_SUB_REGIONS,
        "sectors": ["private", "government", "local-authority"],
        "themes": ["secure networks", "joint procurement"],
        "start": "2003-03-01",
        "end": "2004-12-31",
        "budget": None,
        "summary": """
            A proposed pilot pooling public-sector demand for broadband in London to bring
            faster, cheaper connections to schools, libraries and council offices.
        """,
        "description": """
            Public bodies would buy broadband together so that their combined demand justifies
            upgrades in areas poorly served today. The pilot is being discussed with the
            Private Sector Advisory Group.
        """,
        "links": [
            (
                "policy",
                "UK online: broadband Britain",
                "https://www.e-envoy.gov.uk/broadband/",
            ),
        ],
    },
    # -- Present-day projects (2024 onwards), so the annual reviews of recent years have
    # -- figures to compile ------------------------------------------------------------------
    {
        "title": "Cyber Security Resilience Programme for London Boroughs",
        "programme": "central",
        "status": "completed",
        "lead": "hackney",
        "partners": ["camden", "croydon", "ealing", "barnet", "greenwich"],
        "sub_regions": ALL_SUB_REGIONS,
        "sectors": ["local-authority"],
        "themes": ["secure networks", "information sharing"],
        "start": "2024-04-01",
        "end": "2025-03-31",
        "budget": 1200000,
        "summary": """
            Six boroughs tested their defences against ransomware, rehearsed their response to
            an attack and wrote shared playbooks for restoring council services.
        """,
        "description": """
            Each borough had an independent assessment against the Cyber Assessment Framework
            and a day-long exercise in which a ransomware attack took out its main systems.
            The exercises showed that most councils could restore their networks but had no
            tested plan for running key services, such as homelessness assessments and
            payments to care providers, while systems were down.

            The boroughs wrote shared playbooks for those services, agreed to lend each other
            staff during an incident, and moved their backups to copies that an attacker
            cannot change or delete. The playbooks are offered to every London authority.
        """,
        "links": [
            ("policy", "National Cyber Security Centre", "https://www.ncsc.gov.uk/"),
            ("site", "London Office of Technology and Innovation", "https://loti.london/"),
        ],
        "interest": ["lewisham", "harrow", "kingston-upon-thames"],
    },
    {
        "title": "Shared Online Housing Repairs Service",
        "programme": "local",
        "status": "completed",
        "lead": "peabody-trust",
        "partners": ["london-and-quadrant", "lambeth", "wandsworth"],
        "sub_regions": ["central", "south"],
        "sectors": ["housing", "local-authority"],
        "themes": [
            "electronic service delivery",
            "customer relationship management",
            "mobile working",
        ],
        "start": "2024-06-03",
        "end": "2025-12-31",
        "budget": 780000,
        "summary": """
            One online service for tenants of two housing associations and two councils to
            report a repair, book an appointment and follow the job through to completion.
        """,
        "description": """
            Tenants on mixed estates used to have to work out who their landlord was before
            they could report a repair. The shared service asks for the address, routes the
            report to the right landlord and offers appointment slots from that landlord's
            own repairs system. Repairs staff update the job from a mobile device, and the
            tenant is sent a text message at each step.

            Damp and mould reports are flagged for an inspection within ten working days. The
            partners publish the service's design and code so that other social landlords
            can reuse them.
        """,
        "links": [
            ("site", "Peabody", "https://www.peabody.org.uk/"),
            ("site", "L&Q", "https://www.lqgroup.org.uk/"),
        ],
        "interest": ["east-thames-housing", "southwark"],
    },
    {
        "title": "Open Data Pipeline for Street Works",
        "programme": "local",
        "status": "completed",
        "lead": "transport-for-london",
        "partners": ["westminster", "camden", "city-of-london", "islington"],
        "sub_regions": ["central"],
        "sectors": ["government", "local-authority"],
        "themes": ["geographic information", "information sharing"],
        "start": "2024-01-15",
        "end": "2025-07-31",
        "budget": 460000,
        "summary": """
            A daily feed of planned and current road and street works in central London,
            published as open data so that journey planners and residents can see them.
        """,
        "description": """
            Transport for London and four central boroughs each record street works in their
            own systems. The project built one pipeline that collects the records every
            night, checks them against the street gazetteer and publishes them in one format
            on the London Datastore.

            Highways officers now use the same feed to spot clashes between works planned by
            different utility companies on neighbouring streets, and to agree joint
            closures.
        """,
        "links": [
            ("site", "London Datastore", "https://data.london.gov.uk/"),
            ("site", "Transport for London", "https://tfl.gov.uk/"),
        ],
    },
    {
        "title": "North London Data-Sharing Agreement for Children's Social Care",
        "programme": "pathfinder",
        "status": "active",
        "lead": "enfield",
        "partners": ["barnet", "haringey", "metropolitan-police"],
        "sub_regions": ["north"],
        "sectors": ["local-authority", "police"],
        "themes": ["information sharing", "secure networks"],
        "start": "2025-01-01",
        "end": "2026-12-31",
        "budget": 640000,
        "summary": """
            Three north London boroughs and the police are agreeing how to share information
            about children known to social care when families move between boroughs.
        """,
        "description": """
            When a family known to children's social care moves to a neighbouring borough,
            case records are often sent late or in part. The three boroughs and the
            Metropolitan Police are writing one data-sharing agreement, with a common set of
            facts that must be passed on within two working days of a move.

            A secure exchange between the boroughs' case management systems is being tested
            on transfers between Enfield and Haringey. The agreement and the data standard
            will be offered to other London boroughs in 2027.
        """,
        "links": [
            (
                "policy",
                "Department for Education",
                "https://www.gov.uk/government/organisations/department-for-education",
            ),
        ],
        "interest": ["waltham-forest", "camden"],
    },
    {
        "title": "GOV.UK One Login for Council Services",
        "programme": "central",
        "status": "active",
        "lead": "westminster",
        "partners": ["kensington-and-chelsea", "hammersmith-and-fulham", "lambeth"],
        "sub_regions": ["central", "west"],
        "sectors": ["local-authority"],
        "themes": ["electronic service delivery", "customer relationship management"],
        "start": "2025-04-01",
        "end": "2027-03-31",
        "budget": 520000,
        "summary": """
            Four boroughs are replacing their own resident accounts with GOV.UK One Login,
            starting with housing applications and blue badge renewals.
        """,
        "description": """
            Residents now keep a separate sign-in for each council service they use. The
            boroughs are moving their online forms to GOV.UK One Login so that a resident
            signs in once and proves their identity once, and the council receives a
            checked identity instead of asking for copies of documents.

            The first services moved are housing register applications and blue badge
            renewals. The partners record what they have to change in their own systems so
            that other councils can plan the same move.
        """,
        "links": [
            ("site", "GOV.UK One Login", "https://www.sign-in.service.gov.uk/"),
            (
                "policy",
                "Government Digital Service",
                "https://www.gov.uk/government/organisations/government-digital-service",
            ),
        ],
        "interest": ["brent", "islington"],
    },
    {
        "title": "Assistive Technology in Adult Social Care Pilot",
        "programme": "ec",
        "status": "active",
        "lead": "sutton",
        "partners": ["kingston-upon-thames", "middlesex-university", "london-and-quadrant"],
        "sub_regions": ["south"],
        "sectors": ["local-authority", "education", "housing"],
        "themes": ["social inclusion", "mobile working", "information sharing"],
        "start": "2025-09-01",
        "end": "2027-08-31",
        "budget": 910000,
        "summary": """
            A pilot of sensors, video calls and medication reminders for about 300 older and
            disabled people living at home or in sheltered housing in south London.
        """,
        "description": """
            The two boroughs are offering assistive technology as part of care packages for
            people living at home and in L&Q sheltered schemes. Care workers see alerts from
            home sensors on their mobile devices and can call a client by video before
            deciding whether to visit.

            The pilot is part of a European research consortium on technology in long-term
            care. Middlesex University is measuring the effect on falls, hospital admissions
            and the hours of home care needed, and asking clients and families what they
            think of being monitored.
        """,
        "links": [
            ("site", "London Borough of Sutton", "https://www.sutton.gov.uk/"),
            ("research", "Middlesex University", "https://www.mdx.ac.uk/"),
        ],
    },
    {
        "title": "NHS 111 Online Booking for Urgent Care in London",
        "programme": "central",
        "status": "active",
        "lead": "london-ambulance-service",
        "partners": ["newham-pct", "croydon-pct"],
        "sub_regions": ALL_SUB_REGIONS,
        "sectors": ["nhs"],
        "themes": ["electronic service delivery", "customer relationship management"],
        "start": "2025-06-02",
        "end": "2027-03-31",
        "budget": 1350000,
        "summary": """
            People who use NHS 111 online in London can book a time at an urgent treatment
            centre or a GP out-of-hours service instead of being told to turn up and wait.
        """,
        "description": """
            The London Ambulance Service runs NHS 111 for much of London. The project
            connects the 111 online assessment to the appointment books of urgent treatment
            centres and out-of-hours GP services in two areas first, east and south London,
            and then across the capital.

            Slots are held back for 111 bookings, and the service that receives a booking
            sees the answers the patient gave online. Waiting times and the number of people
            who book but do not attend are reported monthly.
        """,
        "links": [
            ("site", "NHS 111 online", "https://111.nhs.uk/"),
            ("site", "London Ambulance Service", "https://www.londonambulance.nhs.uk/"),
        ],
    },
    {
        "title": "Shared Digital Inclusion Hubs in East London",
        "programme": "local",
        "status": "completed",
        "lead": "tower-hamlets",
        "partners": ["newham", "hackney", "lvsc", "university-of-east-london"],
        "sub_regions": ["east"],
        "sectors": ["local-authority", "voluntary", "education"],
        "themes": ["social inclusion", "e-learning", "community web sites"],
        "start": "2025-03-03",
        "end": "2026-09-30",
        "budget": 380000,
        "summary": """
            Twelve hubs in libraries and community centres lent devices, gave away mobile data
            and offered one-to-one help to residents getting online for the first time.
        """,
        "description": """
            The hubs were run by the three boroughs' library services with local voluntary
            groups, who recruited volunteers and reached residents who do not use libraries.
            Residents could borrow a laptop or tablet for up to three months and receive free
            mobile data through the national databank.

            Over 19 months the hubs helped about 4,200 people, most of them over 60 or with
            little English. The University of East London followed up a sample of them six
            months later; its report is published on the hubs' page.
        """,
        "links": [
            ("site", "London Borough of Tower Hamlets", "https://www.towerhamlets.gov.uk/"),
            ("research", "Good Things Foundation", "https://www.goodthingsfoundation.org/"),
        ],
        "interest": ["barking-and-dagenham", "waltham-forest", "redbridge"],
    },
    {
        "title": "Fire Safety Inspection App for Boroughs and the Fire Brigade",
        "programme": "isb",
        "status": "active",
        "lead": "london-fire-brigade",
        "partners": ["southwark", "lambeth", "lewisham", "peabody-trust"],
        "sub_regions": ["central", "east"],
        "sectors": ["fire", "local-authority", "housing"],
        "themes": ["mobile working", "information sharing", "geographic information"],
        "start": "2026-02-02",
        "end": "2027-03-31",
        "budget": 870000,
        "summary": """
            One mobile app for fire safety inspections of blocks of flats, used by fire
            safety officers, borough building control and housing officers, with a shared
            record of each building.
        """,
        "description": """
            Fire safety officers, borough inspectors and landlords' own staff each inspect
            the same high-rise blocks and keep separate records. The app gives them one
            record per building, located on a map, with its fire risk assessment, defects
            found and the work agreed to put them right.

            Inspectors see the other partners' findings before a visit, so that a building
            is not inspected twice in a month for the same thing. The project aims to cut
            duplicate visits by a third and to close defects sooner.
        """,
        "links": [
            ("site", "London Fire Brigade", "https://www.london-fire.gov.uk/"),
            (
                "policy",
                "Building Safety Act 2022",
                "https://www.legislation.gov.uk/ukpga/2022/30/contents",
            ),
        ],
        "interest": ["tower-hamlets", "london-and-quadrant"],
    },
    {
        "title": "Voluntary Sector Digital Skills Programme",
        "programme": "local",
        "status": "active",
        "lead": "lvsc",
        "partners": ["communities-online"],
        "sub_regions": ALL_SUB_REGIONS,
        "sectors": ["voluntary"],
        "themes": ["e-learning", "social inclusion", "community web sites"],
        "start": "2026-04-01",
        "end": "2028-03-31",
        "budget": 290000,
        "summary": """
            Training and mentoring for staff and volunteers of small London charities in the
            digital skills they need to run their organisations and support their users.
        """,
        "description": """
            Many small charities have no IT staff and rely on one or two volunteers for
            their web site, accounts and data protection. The programme offers short courses
            on online safety, keeping personal data, running services online and helping
            clients with their own digital skills.

            Each charity taking part is paired with a mentor from a larger organisation for
            six months. Courses are free and held in each sub-region as well as online.
        """,
        "links": [
            (
                "policy",
                "Essential digital skills framework",
                "https://www.gov.uk/government/publications/essential-digital-skills-framework",
            ),
        ],
    },
    {
        "title": "West London Anti-Social Behaviour Case Sharing",
        "programme": "central",
        "status": "active",
        "lead": "metropolitan-police",
        "partners": ["ealing", "hounslow", "hillingdon"],
        "sub_regions": ["west"],
        "sectors": ["police", "local-authority"],
        "themes": ["information sharing", "secure networks", "mobile working"],
        "start": "2026-01-12",
        "end": "2027-12-31",
        "budget": 540000,
        "summary": """
            Police and three west London boroughs are moving to one shared case record for
            anti-social behaviour, so that victims do not have to repeat their story to each
            agency.
        """,
        "description": """
            Anti-social behaviour cases are now recorded separately by the police, the
            council's community safety team and the victim's landlord. The shared record
            lets officers from each agency see the history of a case, the actions agreed at
            case meetings and who is responsible for each.

            Access is limited to named officers, and every view of a record is logged. The
            partners will review the first year of use with victims' groups before deciding
            whether to extend it.
        """,
        "links": [
            ("site", "Metropolitan Police", "https://www.met.police.uk/"),
        ],
        "interest": ["harrow", "brent"],
    },
    {
        "title": "Shared Contact Centre Platform for Housing Associations",
        "programme": "local",
        "status": "proposed",
        "lead": "london-and-quadrant",
        "partners": ["peabody-trust", "east-thames-housing"],
        "sub_regions": ALL_SUB_REGIONS,
        "sectors": ["housing"],
        "themes": ["customer relationship management", "joint procurement"],
        "start": "2027-04-01",
        "end": "2029-03-31",
        "budget": None,
        "summary": """
            A proposal for three housing associations to buy one cloud contact centre
            platform together when their current contracts end in 2027.
        """,
        "description": """
            The three associations' telephone and web chat contracts all end within a few
            months of each other. Buying one platform together would cost less and would let
            them handle each other's calls out of hours. An options appraisal is due to the
            partners' boards in spring 2027.
        """,
        "links": [
            ("site", "L&Q", "https://www.lqgroup.org.uk/"),
        ],
    },
    {
        "title": "South London Shared Parking Permits Service",
        "programme": "local",
        "status": "active",
        "publication": "draft",
        "lead": "croydon",
        "partners": ["bromley", "sutton"],
        "sub_regions": ["south"],
        "sectors": ["local-authority"],
        "themes": ["e-payments", "electronic service delivery"],
        "start": "2026-06-01",
        "end": "2027-05-31",
        "budget": 310000,
        "summary": """
            Three boroughs are moving residents' and visitors' parking permits to one shared
            online service with digital permits instead of paper ones.
        """,
        "description": """
            Residents will apply, pay and renew online, and permits will be checked against
            the vehicle registration by civil enforcement officers, so no paper permit has to
            be displayed. Each borough keeps its own zones and charges.
        """,
        "links": [
            ("site", "Croydon Council", "https://www.croydon.gov.uk/"),
        ],
    },
]

# Demo accounts: username, role (from partners.roles, or None), organisation slug, is_staff,
# is_superuser, first and last name, job title. All share DEMO_PASSWORD.
ACCOUNTS = [
    {
        "username": "admin",
        "role": None,
        "organisation": "londonconnects",
        "is_staff": True,
        "is_superuser": True,
        "first_name": "Site",
        "last_name": "Administrator",
        "job_title": "Site administrator",
    },
    {
        "username": "newham.officer",
        "role": PARTNER_OFFICER,
        "organisation": "newham",
        "is_staff": True,
        "is_superuser": False,
        "first_name": "Priya",
        "last_name": "Shah",
        "job_title": "e-Government Programme Manager",
    },
    {
        "username": "hackney.officer",
        "role": PARTNER_OFFICER,
        "organisation": "hackney",
        "is_staff": True,
        "is_superuser": False,
        "first_name": "Daniel",
        "last_name": "Okafor",
        "job_title": "ICT Partnerships Officer",
    },
    {
        "username": "editor",
        "role": EDITOR,
        "organisation": "alg",
        "is_staff": True,
        "is_superuser": False,
        "first_name": "Helen",
        "last_name": "Barker",
        "job_title": "LondonConnects Information Editor",
    },
    {
        "username": "moderator",
        "role": MODERATOR,
        "organisation": "lvsc",
        "is_staff": False,
        "is_superuser": False,
        "first_name": "Tom",
        "last_name": "Whitfield",
        "job_title": "Forums Moderator",
    },
    {
        "username": "steering",
        "role": STEERING_GROUP,
        "organisation": "government-office-for-london",
        "is_staff": True,
        "is_superuser": False,
        "first_name": "Margaret",
        "last_name": "Lewis",
        "job_title": "Secretary to the LondonConnects Steering Group",
    },
]

# Fictional people at real partner organisations; addresses at example domains only.
# consent: which of e-mail, telephone and biography each agreed to publish.
CONTACTS = [
    (
        "Grace Okafor",
        "Head of e-Government",
        "newham",
        ["customer relationship management", "e-payments"],
        ["thames-gateway-london-partnership", "londonconnects-steering-group"],
        {"email", "telephone", "biography"},
        "Leads Newham's customer contact programme and chairs its shareware club of councils adopting the same system.",
    ),
    (
        "Tom Hargreaves",
        "Customer Services Systems Manager",
        "newham",
        ["customer relationship management"],
        [],
        {"email"},
        "Runs the contact centre's systems day to day.",
    ),
    (
        "Anita Desai",
        "E-Government Programme Manager",
        "hackney",
        ["social inclusion", "community web sites"],
        ["thames-gateway-london-partnership"],
        {"email", "biography"},
        "Manages Hackney's IEG programme, with a focus on getting residents online through libraries.",
    ),
    (
        "Michael Byrne",
        "Head of IT",
        "brent",
        ["secure networks", "joint procurement"],
        ["west-london-alliance"],
        {"email", "telephone"},
        "Leads the West London Alliance's joint procurement of network services.",
    ),
    (
        "Sarah Lindqvist",
        "Information Sharing Lead",
        "nhs-executive-london",
        ["information sharing", "secure networks"],
        ["london-nhs-local-authority-information-sharing-group"],
        {"email", "telephone", "biography"},
        "Coordinates the London-wide workshops on NHS connectivity, security and information sharing protocols.",
    ),
    (
        "David Mensah",
        "Caldicott Guardian",
        "newham-pct",
        ["information sharing"],
        ["london-nhs-local-authority-information-sharing-group"],
        set(),
        "Advises on patient confidentiality in joint care records.",
    ),
    (
        "Helen Clarke",
        "Electronic Service Delivery Officer",
        "camden",
        ["electronic service delivery", "e-payments"],
        ["central-london-partnership"],
        {"email"},
        "",
    ),
    (
        "Rajesh Patel",
        "Smart Card Project Manager",
        "southwark",
        ["smart cards", "social inclusion"],
        ["london-smart-card-forum", "central-london-partnership"],
        {"email", "telephone", "biography"},
        "Runs Southwark's citizen smart card pilot for leisure, libraries and concessionary travel.",
    ),
    (
        "Fiona MacLeod",
        "E-Democracy Officer",
        "lewisham",
        ["e-democracy"],
        ["thames-gateway-london-partnership"],
        {"email", "biography"},
        "Works on webcasting council meetings and online consultation.",
    ),
    (
        "Kwame Asante",
        "Partnership Manager",
        "ealing",
        ["joint procurement", "secure networks"],
        ["west-london-alliance"],
        {"email", "telephone"},
        "",
    ),
    (
        "Louise Bennett",
        "Strategy Officer",
        "alg",
        ["electronic service delivery", "joint procurement"],
        ["londonconnects-board", "londonconnects-steering-group"],
        {"email", "telephone", "biography"},
        "Supports the LondonConnects Board and the boroughs' joint e-government work.",
    ),
    (
        "Peter Novak",
        "Chief Inspector, IT Strategy",
        "metropolitan-police",
        ["information sharing", "mobile working"],
        ["london-nhs-local-authority-information-sharing-group"],
        {"email"},
        "",
    ),
    (
        "Yasmin Hussain",
        "Community Fire Safety IT Lead",
        "london-fire-brigade",
        ["geographic information", "mobile working"],
        [],
        {"email"},
        "",
    ),
    (
        "Chris Walker",
        "Digital Inclusion Coordinator",
        "lvsc",
        ["social inclusion", "community web sites"],
        ["london-community-web-sites-network"],
        {"email", "biography"},
        "Helps voluntary groups across London build and run community web sites.",
    ),
    (
        "Naomi Fraser",
        "Research Fellow",
        "university-of-east-london",
        ["e-learning", "social inclusion"],
        [],
        {"email", "biography"},
        "Researches take-up of online public services in east London.",
    ),
    (
        "James Whitfield",
        "Account Director, Public Sector",
        "bt",
        ["secure networks", "digital TV"],
        ["londonconnects-private-sector-advisory-group"],
        {"email", "telephone"},
        "",
    ),
    (
        "Olivia Grant",
        "GIS Manager",
        "greenwich",
        ["geographic information"],
        ["thames-gateway-london-partnership"],
        {"email"},
        "",
    ),
    (
        "Mohammed Rahman",
        "Head of Customer Access",
        "tower-hamlets",
        ["customer relationship management", "social inclusion"],
        ["thames-gateway-london-partnership"],
        {"email", "telephone", "biography"},
        "Leads Tower Hamlets' multilingual contact centre.",
    ),
    (
        "Eleanor Hughes",
        "ICT Partnerships Manager",
        "croydon",
        ["joint procurement", "e-procurement"],
        ["south-london-partnership"],
        {"email"},
        "",
    ),
    (
        "Ben Adeyemi",
        "E-Government Lead",
        "enfield",
        ["electronic service delivery"],
        ["north-london-strategic-alliance"],
        set(),
        "Coordinates Enfield's online services.",
    ),
]

# The e-index: (section slug, sub-category or None, title, address, maintained by, themes,
# description). Real, well-known public sites.
EINDEX_LINKS = [
    (
        "legislation-and-standards",
        "Legislation",
        "legislation.gov.uk",
        "https://www.legislation.gov.uk/",
        "The National Archives",
        [],
        "The official home of UK legislation, as enacted and as revised.",
    ),
    (
        "legislation-and-standards",
        "Legislation",
        "Freedom of Information Act 2000",
        "https://www.legislation.gov.uk/ukpga/2000/36/contents",
        "The National Archives",
        ["information sharing"],
        "The public's right of access to information held by public authorities.",
    ),
    (
        "legislation-and-standards",
        "Legislation",
        "Data Protection Act 2018",
        "https://www.legislation.gov.uk/ukpga/2018/12/contents",
        "The National Archives",
        ["information sharing", "secure networks"],
        "How personal data may be processed, alongside the UK GDPR.",
    ),
    (
        "legislation-and-standards",
        "Standards",
        "The Service Standard",
        "https://www.gov.uk/service-manual/service-standard",
        "Government Digital Service",
        ["electronic service delivery"],
        "The 14 points that government teams meet to build good public services.",
    ),
    (
        "legislation-and-standards",
        "Standards",
        "Open standards principles",
        "https://www.gov.uk/government/publications/open-standards-principles",
        "Cabinet Office",
        ["joint procurement"],
        "The government's policy on choosing open standards for software interoperability, "
        "data and document formats.",
    ),
    (
        "legislation-and-standards",
        "Standards",
        "The Technology Code of Practice",
        "https://www.gov.uk/guidance/the-technology-code-of-practice",
        "Central Digital and Data Office",
        ["joint procurement", "e-procurement"],
        "Criteria for designing, building and buying technology in the public sector.",
    ),
    (
        "legislation-and-standards",
        "Infrastructure",
        "GOV.UK Notify",
        "https://www.notifications.service.gov.uk/",
        "Government Digital Service",
        ["electronic service delivery"],
        "Send e-mails, text messages and letters to the public from any service.",
    ),
    (
        "legislation-and-standards",
        "Infrastructure",
        "GOV.UK Pay",
        "https://www.payments.service.gov.uk/",
        "Government Digital Service",
        ["e-payments"],
        "Take card payments for public services without building a payment system.",
    ),
    (
        "legislation-and-standards",
        None,
        "Information Commissioner's Office: guidance for organisations",
        "https://ico.org.uk/for-organisations/",
        "Information Commissioner's Office",
        ["information sharing"],
        "Guidance on data protection, freedom of information and data sharing.",
    ),
    (
        "knowledge-and-best-practice",
        "Guidance",
        "Service Manual",
        "https://www.gov.uk/service-manual",
        "Government Digital Service",
        ["electronic service delivery"],
        "Guidance on how to design, build and run government services.",
    ),
    (
        "knowledge-and-best-practice",
        "Guidance",
        "NHS digital service manual",
        "https://service-manual.nhs.uk/",
        "NHS England",
        ["electronic service delivery"],
        "Design principles, content style and components for digital NHS services.",
    ),
    (
        "knowledge-and-best-practice",
        "Networks",
        "Local Government Association",
        "https://www.local.gov.uk/",
        "Local Government Association",
        ["joint procurement"],
        "The national voice of local government, with improvement support and case studies.",
    ),
    (
        "knowledge-and-best-practice",
        "Networks",
        "Local Digital",
        "https://www.localdigital.gov.uk/",
        "Ministry of Housing, Communities and Local Government",
        ["electronic service delivery", "joint procurement"],
        "Councils working together on common problems, under the Local Digital Declaration.",
    ),
    (
        "knowledge-and-best-practice",
        "Networks",
        "London Office of Technology and Innovation",
        "https://loti.london/",
        "LOTI",
        ["information sharing", "joint procurement"],
        "London boroughs collaborating on digital, data and innovation.",
    ),
    (
        "knowledge-and-best-practice",
        None,
        "Government Digital Service blog",
        "https://gds.blog.gov.uk/",
        "Government Digital Service",
        ["electronic service delivery"],
        "What GDS is working on and what it has learned.",
    ),
    (
        "surveys-and-research",
        "Statistics",
        "Office for National Statistics",
        "https://www.ons.gov.uk/",
        "Office for National Statistics",
        [],
        "The UK's largest producer of official statistics.",
    ),
    (
        "surveys-and-research",
        "Statistics",
        "London Datastore",
        "https://data.london.gov.uk/",
        "Greater London Authority",
        ["geographic information"],
        "Free, open data about London from the GLA and its partners.",
    ),
    (
        "surveys-and-research",
        "Research",
        "Ofcom research and data",
        "https://www.ofcom.org.uk/research-and-data",
        "Ofcom",
        ["social inclusion", "digital TV"],
        "Research into how people use communications services, including media literacy.",
    ),
    (
        "surveys-and-research",
        "Research",
        "National Audit Office",
        "https://www.nao.org.uk/",
        "National Audit Office",
        [],
        "Independent reports on the value for money of public spending, digital programmes "
        "included.",
    ),
    (
        "surveys-and-research",
        "Research",
        "Institute for Government",
        "https://www.instituteforgovernment.org.uk/",
        "Institute for Government",
        [],
        "Research and analysis on making government more effective.",
    ),
    (
        "national-services",
        None,
        "GOV.UK",
        "https://www.gov.uk/",
        "Government Digital Service",
        ["electronic service delivery"],
        "The best place to find government services and information.",
    ),
    (
        "national-services",
        None,
        "NHS website",
        "https://www.nhs.uk/",
        "NHS England",
        ["electronic service delivery"],
        "Health information and NHS services online.",
    ),
    (
        "national-services",
        "Citizens",
        "Register to vote",
        "https://www.gov.uk/register-to-vote",
        "Cabinet Office",
        ["e-democracy"],
        "Register online to vote in elections and referendums.",
    ),
    (
        "national-services",
        "Citizens",
        "Apply for or renew a passport",
        "https://www.gov.uk/apply-renew-passport",
        "HM Passport Office",
        [],
        "Apply for, renew or replace a British passport online.",
    ),
    (
        "national-services",
        "Citizens",
        "Universal Credit",
        "https://www.gov.uk/universal-credit",
        "Department for Work and Pensions",
        ["social inclusion"],
        "Apply for and manage Universal Credit.",
    ),
    (
        "national-services",
        "Businesses",
        "Find a Tender",
        "https://www.find-tender.service.gov.uk/",
        "Cabinet Office",
        ["e-procurement"],
        "Public sector contract opportunities above the procurement thresholds.",
    ),
    (
        "national-services",
        "Businesses",
        "Vehicle tax",
        "https://www.gov.uk/vehicle-tax",
        "Driver and Vehicle Licensing Agency",
        ["e-payments"],
        "Tax a vehicle online, by phone or at a Post Office.",
    ),
]

# Funding sources: (title, funder: a partner's slug or a name, origin, programme, summary,
# eligible sector slugs ([] = any), themes, currency, smallest, largest, match funding %,
# opens in days (None = open already), closes in days (None = rolling), web link). Days are
# counted from the day load_demo runs, so that some are open, some closing soon, some closed.
FUNDING = [
    (
        "Invest to Save Budget: round 7",
        "HM Treasury",
        "uk-government",
        "Invest to Save Budget (ISB)",
        "Money for partnerships between public bodies that invest now in joined-up, "
        "electronic services to save later.",
        [],
        ["electronic service delivery", "joint procurement"],
        "GBP",
        "50000",
        "5000000",
        None,
        None,
        12,
        "https://www.gov.uk/government/organisations/hm-treasury",
    ),
    (
        "Local e-government Pathfinders",
        "Office of the Deputy Prime Minister",
        "uk-government",
        "Local Government Online",
        "Funding for councils to pilot e-government approaches that others can then adopt.",
        ["local-authority"],
        ["electronic service delivery", "customer relationship management"],
        "GBP",
        "250000",
        "1000000",
        None,
        None,
        60,
        "https://www.gov.uk/government/organisations/department-for-levelling-up-housing-and-communities",
    ),
    (
        "Partnerships for Renewal: e-government partnership fund",
        "Office of the Deputy Prime Minister",
        "uk-government",
        "Local Government Online",
        "Support for partnerships of councils and others building shared e-government "
        "infrastructure.",
        ["local-authority", "nhs", "voluntary"],
        ["information sharing", "secure networks"],
        "GBP",
        "100000",
        "750000",
        25,
        None,
        -20,
        "",
    ),
    (
        "eTEN: trans-European e-services",
        "European Commission",
        "eu",
        "eTEN",
        "Market validation and deployment of e-services of public interest across member states.",
        [],
        ["e-democracy", "electronic service delivery"],
        "EUR",
        "100000",
        "3000000",
        50,
        None,
        25,
        "https://commission.europa.eu/",
    ),
    (
        "IST programme: e-government research",
        "European Commission",
        "eu",
        "Sixth Framework Programme (FP6)",
        "Research into interoperable, secure and user-centred e-government services.",
        ["education", "local-authority", "government"],
        ["smart cards", "secure networks"],
        "EUR",
        "500000",
        "4000000",
        50,
        None,
        90,
        "https://cordis.europa.eu/",
    ),
    (
        "ERDF Objective 2: London East",
        "European Commission",
        "eu",
        "European Regional Development Fund",
        "Capital and revenue funding for regeneration projects in East London, ICT access "
        "included.",
        [],
        ["social inclusion", "community web sites"],
        "EUR",
        "50000",
        "2000000",
        50,
        None,
        45,
        "",
    ),
    (
        "Interreg IIIB North West Europe",
        "European Commission",
        "eu",
        "Interreg IIIB",
        "Transnational co-operation on spatial development, including shared geographic "
        "information.",
        [],
        ["geographic information"],
        "EUR",
        "200000",
        "5000000",
        50,
        None,
        -40,
        "",
    ),
    (
        "Community Access to Lifelong Learning",
        "New Opportunities Fund",
        "lottery",
        "Community Access to Lifelong Learning (CALL)",
        "Grants for ICT learning centres and online content in deprived communities.",
        ["voluntary", "local-authority", "education"],
        ["social inclusion", "e-learning"],
        "GBP",
        "10000",
        "500000",
        None,
        None,
        10,
        "",
    ),
    (
        "Capital Modernisation Fund: fifth round",
        "HM Treasury",
        "uk-government",
        "Capital Modernisation Fund",
        "Capital for modernising public services, with priority to electronic delivery.",
        [],
        ["electronic service delivery", "mobile working"],
        "GBP",
        "500000",
        "10000000",
        None,
        14,
        74,
        "",
    ),
    (
        "Digital inclusion grants",
        "greater-london-authority",
        "uk-government",
        "London digital inclusion",
        "Small grants to London community groups that help residents get online.",
        ["voluntary"],
        ["social inclusion", "community web sites"],
        "GBP",
        "1000",
        "25000",
        None,
        None,
        None,
        "https://www.london.gov.uk/",
    ),
    (
        "Community Connections",
        "bt",
        "private",
        "BT Community Connections",
        "Internet-ready computers and a year's connection for community groups.",
        ["voluntary"],
        ["social inclusion"],
        "GBP",
        None,
        "2000",
        None,
        None,
        None,
        "",
    ),
]

# The papers library: (title, kind, organisation slug, group slug or None, date, visibility,
# format, themes, summary, paragraphs of the file load_demo writes).
PAPERS = [
    (
        "Newham Business and IT Strategy 2003-2006",
        "strategy",
        "newham",
        None,
        "2003-04-01",
        "public",
        "pdf",
        ["customer relationship management", "e-payments"],
        "How Newham will use IT to deliver its corporate priorities, with customer contact "
        "and e-payments at the centre.",
        [
            "Newham's customer contact centre will handle most council enquiries at the first "
            "point of contact by 2005.",
            "Payments for council tax, rents and parking will be taken online and by "
            "automated telephone, through one payment engine shared across services.",
        ],
    ),
    (
        "Hackney Business and IT Strategy 2002-2005",
        "strategy",
        "hackney",
        None,
        "2002-09-15",
        "public",
        "docx",
        ["social inclusion", "community web sites"],
        "Hackney's plan to get residents online through libraries and community web sites.",
        [
            "Every Hackney library will offer free internet access and help for first-time users.",
            "Community groups will be offered hosting and training for their own web sites.",
        ],
    ),
    (
        "West London Alliance secure network: business case",
        "group-paper",
        "brent",
        "west-london-alliance",
        "2002-06-20",
        "public",
        "pdf",
        ["secure networks", "joint procurement"],
        "The business case for a jointly procured secure network linking the six West London "
        "boroughs with the NHS and police.",
        [
            "Joint procurement of one secure network would save the six boroughs an estimated "
            "fifteen per cent against separate contracts.",
            "The network will carry information sharing between councils, primary care trusts "
            "and the Metropolitan Police under agreed protocols.",
        ],
    ),
    (
        "Thames Gateway partnership: minutes of the e-government group, March 2003",
        "minutes",
        "newham",
        "thames-gateway-london-partnership",
        "2003-03-12",
        "partners",
        "docx",
        ["smart cards"],
        "Minutes of the partnership's e-government group: the smart card pilot and the shared "
        "contact centre.",
        [
            "The group agreed to extend the citizen smart card pilot to leisure centres in two "
            "further boroughs.",
            "Action: each borough to nominate a lead officer for the shared contact centre "
            "procurement by April.",
        ],
    ),
    (
        "Information sharing protocol for health and social care in London",
        "guidance",
        "nhs-executive-london",
        "london-nhs-local-authority-information-sharing-group",
        "2003-01-30",
        "public",
        "pdf",
        ["information sharing"],
        "A model protocol for sharing personal information between NHS bodies and London councils.",
        [
            "Personal information will be shared only for the purposes agreed in the protocol "
            "and with the consent of the person where the law requires it.",
            "Each partner names a Caldicott guardian or senior information risk owner who "
            "answers for its use of shared data.",
        ],
    ),
    (
        "Digital inclusion in East London: a survey of residents",
        "research",
        "university-of-east-london",
        None,
        "2002-11-05",
        "public",
        "pdf",
        ["social inclusion"],
        "A survey of internet use and barriers to access among residents of five East London "
        "boroughs.",
        [
            "Forty-one per cent of residents surveyed had used the internet in the last three "
            "months; cost and lack of skills were the commonest barriers.",
            "Library access points were the most used public internet access.",
        ],
    ),
    (
        "North London children's social care data sharing: outline business case",
        "group-paper",
        "enfield",
        "north-london-strategic-alliance",
        "2025-02-20",
        "public",
        "pdf",
        ["information sharing", "secure networks"],
        "The case for one data-sharing agreement and a secure exchange of case records between "
        "the north London boroughs when a family known to children's social care moves.",
        [
            "One case in five transferred between the three boroughs last year reached the "
            "receiving borough more than a week after the family moved.",
            "A common set of facts, sent within two working days of a move, would let the "
            "receiving borough assess the family's needs without waiting for the full file.",
        ],
    ),
    (
        "Digital exclusion in London: a survey of residents, 2025",
        "research",
        "greater-london-authority",
        None,
        "2025-05-08",
        "public",
        "pdf",
        ["social inclusion", "e-learning"],
        "A survey of Londoners who do not use the internet or lack the skills, devices or "
        "data to use it with confidence.",
        [
            "About one Londoner in twenty has not used the internet in the last three months; "
            "most are over 65 or disabled.",
            "Cost of mobile data and fear of scams were the commonest reasons given by "
            "people who had stopped using the internet.",
        ],
    ),
    (
        "Responding to a cyber attack: guidance for London boroughs",
        "guidance",
        "hackney",
        None,
        "2025-06-30",
        "public",
        "docx",
        ["secure networks", "information sharing"],
        "How a borough should prepare for, respond to and recover from a ransomware attack, "
        "drawn from the boroughs' shared exercises.",
        [
            "Every borough should keep copies of its backups that cannot be changed or "
            "deleted from its own network.",
            "Plans for running critical services on paper should be tested at least once a "
            "year, with the staff who would have to run them.",
        ],
    ),
    (
        "LondonConnects steering group: minutes, October 2025",
        "minutes",
        "londonconnects",
        "londonconnects-steering-group",
        "2025-10-15",
        "partners",
        "docx",
        ["electronic service delivery", "social inclusion"],
        "Minutes of the steering group: the 2025 annual review, digital inclusion hubs and "
        "GOV.UK One Login in councils.",
        [
            "The group agreed the outline of the 2025 annual review and asked partners to "
            "bring their project entries up to date by the end of January.",
            "Action: the secretariat to invite the east London digital inclusion hubs to "
            "present their evaluation at the next meeting.",
        ],
    ),
]

# Forums on the strategy's key e-policy questions: (slug, name, visibility, description).
FORUMS = [
    (
        "smart-cards",
        "Smart cards",
        "public",
        "Citizen cards for access to council, transport and health services: schemes, standards and lessons.",
    ),
    (
        "e-democracy",
        "E-democracy",
        "public",
        "Online consultation, e-voting pilots and webcasting council meetings.",
    ),
    (
        "social-inclusion",
        "Social inclusion",
        "public",
        "Getting every Londoner online: access points, skills and services that work for everyone.",
    ),
    (
        "nhs-information-sharing",
        "Information sharing between the NHS and local authorities",
        "partners",
        "Protocols, consent and secure networks for sharing information about the people we serve together.",
    ),
    (
        "joint-procurement",
        "Joint procurement",
        "public",
        "Buying once for many: frameworks, consortia and shared contracts.",
    ),
]

# Demo discussions: (forum slug, subject, [(username, body in Markdown), ...]).
FORUM_TOPICS = [
    (
        "smart-cards",
        "One card for leisure, libraries and transport?",
        [
            (
                "newham.officer",
                "Our pilot card now works in **all eight** Newham libraries and two leisure centres. "
                "Has anyone linked a council card to transport ticketing yet?",
            ),
            (
                "hackney.officer",
                "Not yet. We looked at it, but the card readers in libraries use a different standard "
                "from the transport gates. We'd want a shared specification first, agreed across the boroughs.",
            ),
            (
                "steering",
                "This is worth a paper for the steering group. If two or three boroughs can agree the "
                "specification, the rest can adopt it.",
            ),
        ],
    ),
    (
        "e-democracy",
        "Webcasting council meetings: worth the cost?",
        [
            (
                "hackney.officer",
                "We webcast full council for a year. Viewing figures were modest, but the archive is "
                "used far more than the live stream. Happy to share our numbers.",
            ),
            (
                "newham.officer",
                "Please do. Our members are keen but the budget is tight; the archive point is helpful.",
            ),
        ],
    ),
    (
        "social-inclusion",
        "Library access points: staffing the first visit",
        [
            (
                "newham.officer",
                "People using a public access point for the first time need someone beside them. "
                "How are others staffing that without a big cost?",
            ),
            (
                "hackney.officer",
                "Volunteers, trained by the library service, two afternoons a week. It works well for "
                "older residents in particular.",
            ),
        ],
    ),
    (
        "nhs-information-sharing",
        "Consent wording for the shared assessment form",
        [
            (
                "steering",
                "The draft protocol needs a single consent statement we can all use. Comments on the "
                "wording in section 4, please, by the end of the month.",
            ),
            (
                "newham.officer",
                "Our legal team would like *explicit* mention of the right to withdraw consent.",
            ),
        ],
    ),
    (
        "joint-procurement",
        "Framework for e-payments: who wants in?",
        [
            (
                "hackney.officer",
                "Four boroughs have said yes to a joint e-payments framework. Any more before we go "
                "to market?",
            ),
        ],
    ),
]


# The steering group's annual reviews: last year's published, this year's a draft. "{year}"
# stands for the review's year, which load_demo takes from today's date.
REVIEWS = [
    {
        "years_ago": 1,
        "publish": True,
        "title": "E-activity in London, {year}",
        "foreword": """
            London's public services did more together in {year} than in any year before. The
            boroughs, the NHS, the police, the fire brigade, housing associations and the
            voluntary sector shared systems, data and skills, and the registers on this site
            show it: every figure in this review is counted from them, and links to the
            entries behind it.

            We thank every partner officer who kept their organisation's entries current. The
            review is only as good as the registers, and this year they were better than ever.
        """,
        "sections": [
            (
                "Sharing what works",
                """
                Cross-borough work grew again. Data-sharing agreements for children's social
                care, shared housing repairs services and common approaches to cyber security
                all started from one partner's project and were taken up by its neighbours.

                - The **North London** boroughs agreed one way to share information about
                  children at risk, with the police at the table from the start.
                - Housing associations and boroughs in **central and south London** opened a
                  single online repairs service.
                - **Open data** on street works now flows from the boroughs to one feed.
                """,
            ),
            (
                "What we learned",
                """
                Projects that joined organisations from different sectors took longer to start
                but were more likely to last. Projects without a named owner in each partner
                organisation stalled. The steering group recommends that every cross-sector
                project names one.
                """,
            ),
            (
                "Priorities for next year",
                """
                1. Digital inclusion: no resident should be left behind as services move online.
                2. Secure sign-in across services, so that residents prove who they are once.
                3. Keeping the registers current: every entry reviewed at least once a year.
                """,
            ),
        ],
        "conference": (
            "London e-Government Conference {next_year}",
            (5, 21),
            "City Hall, Kamal Chunchie Way, London E16",
            "https://www.london.gov.uk/",
        ),
    },
    {
        "years_ago": 0,
        "publish": False,
        "title": "E-activity in London, {year}",
        "foreword": """
            A draft for the steering group's meeting. The figures below are compiled from the
            registers as they stand today and will change until the review is published.
        """,
        "sections": [
            (
                "The year so far",
                """
                New projects this year focus on fire safety inspections shared between the
                boroughs and the fire brigade, on anti-social behaviour case sharing in west
                London, and on digital skills in the voluntary sector.
                """,
            ),
        ],
        "conference": (
            "London e-Government Conference {next_year}",
            (5, 20),
            "To be confirmed",
            "",
        ),
    },
]
