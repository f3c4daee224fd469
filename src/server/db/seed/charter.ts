import { charterTextFromPlain, type CharterText, type PlainCharterText } from '../../../core/charter';

/** The demo charter: `en` is verbatim from the study-group proposal (seeds/study-group-proposal.txt); `ko`, `zh` and `ja` are translations of it. */
export const seedCharterPlain: { en: PlainCharterText; ko: PlainCharterText; zh: PlainCharterText; ja: PlainCharterText } = {
  en: {
    title: 'Study Group on Northeast Asia Peace and Cooperation',
    shortTitle: 'Northeast Asia Peace and Cooperation',
    introduction: [
      'CSCAP-Korea recognizes that current security situation in Northeast Asia presents not only promises but also uncertainties and thus calls for concrete actions to promote peace and stability. Since former Minister of Foreign Affairs of Korea, Sung Joo Han proposed ‘Mini-CSCE’ in Northeast Asia, there have been numerous attempts to set up multilateral regional cooperation institutions in Northeast and/or East Asia without tangible results. In a sense, this lack of success stories despite efforts made by prominent leaders is not unusual considering lingering historical territorial issues, power transition situation, as well as imminent security threats.',
      'Paradoxically enough, however, the stronger the negative effects of those obstacles, the more the regional cooperation becomes necessary for the security and prosperity of the countries of the region. Simply because there are too many real and/or potential threats and risks in the region which could not be handled successfully by any one country alone, the regional cooperation becomes imperative. The lack of success stories of regional cooperation must not discourage member countries, NGOs, individual scholars from trying it again. Repeated attempts will build up momentum, so that, at one moment in the future, the accumulated momentum will prevail over the obstacles and will bring us solid foundation for regional cooperation tough enough to withstand all the imaginable obstacles.',
      'Against this backdrop, CSCAP-Korea presents a proposal to the CSCAP Steering Committee for consideration to establish a ‘Study Group on Northeast Asia Peace and Cooperation,’ with a view to exploring ways to reduce uncertainties in this region and to facilitate regional cooperation. By organizing a study group for regional cooperation in Northeast Asia, we would like to discuss possible regional security cooperation framework as well as functional issues that could be addressed or discussed in the regional framework.',
    ],
    principles: [
      {
        key: 'open',
        name: 'Open',
        text: 'First, the regional security cooperation framework should be ‘Open’ to any issues in which countries in the region might have interests ranging from trust building measures in the Korean Peninsula, reducing tensions in various bilateral relationships, environmental protection, fighting transnational crimes and other nontraditional cooperation to hardcore military security issues. Particularly, we would like to make attempts to take a fair look at those issues that blocked the development of regional cooperation in the region. We would like to lower our expectation and see how far we can go to overcome those divisive issues.',
      },
      {
        key: 'plus',
        name: 'Plus',
        text: 'Second, the regional security cooperation framework should be ‘Plus’ in the sense that our discussion will be open to countries outside the Northeast Asia region. What makes regional cooperation more multilateral in nature is the existence of neutral, impartial observers. We would like to actively invite participants from outside the region. In particular, considering that the improvement of Korean Peninsula situation is one of the most important elements of the regional security, we believe a new attempt to look at the issue in regional cooperation context is in order.',
      },
    ],
    format: [
      'The study group will meet four times for two years for discussions and drafting recommendations. The recommendations will be submitted to member countries and circulated. The format will be flexible to accommodate different ideas, approaches and participants. Depending on the progress of discussion or dialogue, sub-groups could be made to develop individual, specific idea or agendas as a component of the regional cooperation framework.',
    ],
    objectives: [
      { label: 'a', text: 'To evaluate current sources of insecurity in Northeast Asia.' },
      { label: 'b', text: 'To analyze ways to remedy current strategic uncertainty in Northeast Asia.' },
      {
        label: 'c',
        text: 'To articulate and promote consensus on ways to achieve security cooperation across the region and beyond.',
      },
      { label: 'd', text: 'To examine the feasibility of follow-on study group projects.' },
    ],
    anticipatedOutput: [
      'CSCAP has made significant contributions to ‘Confidence Building,’ ‘Preventive Diplomacy,’ and ‘Conflict Resolution.’ Based on those past achievements, we would like to move forward along with ARF missions by finding more specific and practical ways and means to build up peace and security for countries in the region.',
      'The Study Group will produce specific policy recommendations based upon detailed diagnosis of current strategic environment of Northeast Asia. Expected outcome includes specific policy recommendations to facilitate multilateral dialogue and cooperation. Holding an intellectual venue in which leading practitioners and scholars get together to discuss the most pressing issues for regional cooperation will also contribute to trust-building in the region. CSCAP-Korea plans to hold the first meeting in Seoul in October 2019. China, Japan and the US will pursue hosting the other three meetings.',
    ],
    differsFromPrevious: [
      'Previous CSCAP Study Groups have done substantial works on peace and security issues. Current study groups, however, do not cover hard security issues of Northeast Asia enough. It is time to focus on Northeast Asia and pull efforts together to further increase cooperation in the key issue areas and identify new areas of cooperation. Hence, the ‘Study Group on Northeast Asia Peace and Cooperation’ will seek to address the following specific issues:',
    ],
    keyQuestions: [
      { number: 1, text: 'How are the basic components of security structure in this region different from other regions?' },
      { number: 2, text: 'What initiatives and mechanisms are possible solutions?' },
      {
        number: 3,
        text: 'What are possible contributions of the Asia-Pacific countries in dealing with these issues?',
      },
    ],
  },

  ko: {
    title: '동북아 평화협력 연구그룹',
    shortTitle: '동북아 평화협력',
    introduction: [
      'CSCAP-Korea는 동북아시아의 현 안보 상황이 희망과 함께 불확실성도 안고 있으며, 따라서 평화와 안정을 증진하기 위한 구체적인 행동이 요구된다고 인식한다. 한승주 전 외무부 장관이 동북아시아에 ‘미니 CSCE(Mini-CSCE)’를 제안한 이래, 동북아시아 및/또는 동아시아에 다자간 지역협력 기구를 설립하려는 시도가 수차례 있었으나 가시적인 성과를 거두지 못하였다. 어떤 의미에서, 저명한 지도자들의 노력에도 불구하고 이처럼 성공 사례가 없다는 것은 오랫동안 해소되지 않은 역사·영토 문제, 세력 전이 상황, 그리고 임박한 안보 위협을 고려할 때 이례적인 일이 아니다.',
      '그러나 역설적이게도, 이러한 장애 요인들의 부정적 영향이 클수록 역내 국가들의 안보와 번영을 위한 지역협력은 더욱 필요해진다. 역내에는 어느 한 나라가 단독으로는 성공적으로 대처할 수 없는 실재적 및/또는 잠재적 위협과 위험이 너무나 많기 때문에, 지역협력은 필수불가결하다. 지역협력의 성공 사례가 없다고 해서 회원국, NGO, 개별 학자들이 다시 시도하기를 단념해서는 안 된다. 거듭된 시도는 추진력을 축적할 것이며, 그리하여 미래의 어느 시점에는 축적된 추진력이 장애 요인들을 극복하고, 상상할 수 있는 모든 장애를 견뎌낼 만큼 견고한 지역협력의 토대를 우리에게 가져다줄 것이다.',
      '이러한 배경에서 CSCAP-Korea는 이 지역의 불확실성을 줄이고 지역협력을 촉진하는 방안을 모색하기 위하여, ‘동북아 평화협력 연구그룹’의 설치를 검토해 줄 것을 아시아태평양안보협력이사회(CSCAP) 운영위원회에 제안한다. 동북아시아 지역협력을 위한 연구그룹을 구성함으로써, 우리는 가능한 지역 안보협력 틀과 더불어 그 지역적 틀 안에서 다루거나 논의할 수 있는 기능적 사안들을 논의하고자 한다.',
    ],
    principles: [
      {
        key: 'open',
        name: '개방(Open)',
        text: '첫째, 지역 안보협력 틀은 한반도 신뢰구축 조치, 다양한 양자관계에서의 긴장 완화, 환경 보호, 초국가 범죄 대응 및 기타 비전통 안보 분야의 협력에서부터 핵심적인 군사안보 문제에 이르기까지, 역내 국가들이 이해관계를 가질 수 있는 모든 사안에 대해 ‘개방(Open)’되어야 한다. 특히 우리는 이 지역에서 지역협력의 발전을 가로막아 온 사안들을 공정하게 살펴보는 시도를 하고자 한다. 우리는 기대 수준을 낮추고, 이러한 분열적 사안들을 극복하는 데 어디까지 나아갈 수 있는지 살펴보고자 한다.',
      },
      {
        key: 'plus',
        name: '플러스(Plus)',
        text: '둘째, 지역 안보협력 틀은 우리의 논의가 동북아 역외 국가들에게도 열려 있다는 의미에서 ‘플러스(Plus)’가 되어야 한다. 지역협력을 본질적으로 보다 다자적인 것으로 만드는 것은 중립적이고 공정한 옵서버의 존재이다. 우리는 역외 참가자들을 적극적으로 초청하고자 한다. 특히 한반도 정세의 개선이 지역 안보의 가장 중요한 요소 중 하나라는 점을 고려할 때, 이 문제를 지역협력의 맥락에서 바라보는 새로운 시도가 필요하다고 본다.',
      },
    ],
    format: [
      '연구그룹은 논의 및 권고안 작성을 위해 2년간 네 차례 회의를 개최한다. 권고안은 회원국들에 제출되고 회람된다. 회의 형식은 다양한 아이디어, 접근법 및 참가자를 수용할 수 있도록 유연하게 운영한다. 논의 또는 대화의 진척에 따라, 지역협력 틀의 구성 요소로서 개별적이고 구체적인 아이디어나 의제를 발전시키기 위한 소그룹을 구성할 수 있다.',
    ],
    objectives: [
      { label: 'a', text: '동북아시아의 현존하는 안보 불안 요인을 평가한다.' },
      { label: 'b', text: '동북아시아의 현재 전략적 불확실성을 해소할 방안을 분석한다.' },
      { label: 'c', text: '역내 및 역외에 걸친 안보협력을 달성하기 위한 방안을 정립하고 이에 관한 합의를 증진한다.' },
      { label: 'd', text: '후속 연구그룹 프로젝트의 실현 가능성을 검토한다.' },
    ],
    anticipatedOutput: [
      'CSCAP은 ‘신뢰구축’, ‘예방외교’, ‘분쟁해결’ 분야에 크게 기여해 왔다. 이러한 과거의 성과를 바탕으로, 우리는 역내 국가들의 평화와 안보를 구축하기 위한 보다 구체적이고 실질적인 방안을 모색함으로써 아세안지역안보포럼(ARF)의 임무와 보조를 맞추어 나아가고자 한다.',
      '연구그룹은 동북아시아의 현 전략 환경에 대한 면밀한 진단을 토대로 구체적인 정책 권고안을 도출할 것이다. 기대 성과에는 다자간 대화와 협력을 촉진하기 위한 구체적인 정책 권고안이 포함된다. 주요 실무자와 학자들이 한자리에 모여 지역협력을 위한 가장 시급한 현안을 논의하는 지적 교류의 장을 마련하는 것 또한 역내 신뢰구축에 기여할 것이다. CSCAP-Korea는 2019년 10월 서울에서 제1차 회의를 개최할 계획이다. 중국, 일본, 미국은 나머지 세 차례 회의의 개최를 추진할 것이다.',
    ],
    differsFromPrevious: [
      '기존 CSCAP 연구그룹들은 평화와 안보 문제에 관해 상당한 작업을 수행해 왔다. 그러나 현재의 연구그룹들은 동북아시아의 경성 안보 문제를 충분히 다루지 못하고 있다. 이제는 동북아시아에 초점을 맞추고 역량을 결집하여 핵심 사안 분야에서 협력을 한층 증진하고 새로운 협력 분야를 발굴할 때이다. 이에 ‘동북아 평화협력 연구그룹’은 다음과 같은 구체적 사안들을 다루고자 한다:',
    ],
    keyQuestions: [
      { number: 1, text: '이 지역 안보 구조의 기본 구성 요소는 다른 지역과 어떻게 다른가?' },
      { number: 2, text: '어떠한 구상과 메커니즘이 해법이 될 수 있는가?' },
      { number: 3, text: '이러한 사안들을 다루는 데 있어 아시아태평양 국가들이 기여할 수 있는 바는 무엇인가?' },
    ],
  },

  zh: {
    title: '东北亚和平与合作研究小组',
    shortTitle: '东北亚和平与合作',
    introduction: [
      'CSCAP-Korea认为，东北亚当前的安全形势既蕴含希望，也充满不确定性，因此需要采取切实行动促进和平与稳定。自韩国前外交部长官韩昇洲（Sung Joo Han）提出在东北亚建立“小欧安会”（Mini-CSCE）以来，各方曾多次尝试在东北亚和（或）东亚建立多边地区合作机制，但均未取得实质性成果。从某种意义上说，考虑到长期悬而未决的历史与领土问题、权力转移态势以及迫在眉睫的安全威胁，尽管知名领导人付出了努力却仍缺乏成功先例，并不令人意外。',
      '然而，颇为矛盾的是，这些障碍的负面影响越大，地区合作对于本地区各国的安全与繁荣就越有必要。正是因为本地区存在太多任何一国都无法单独成功应对的现实和（或）潜在的威胁与风险，地区合作才势在必行。地区合作缺乏成功先例，不应使成员国、非政府组织和学者个人因此放弃再次尝试。反复的尝试将积聚势能，从而在未来的某一时刻，积累的势能将战胜种种障碍，为我们奠定足以经受一切可以想象的障碍的坚实地区合作基础。',
      '在此背景下，CSCAP-Korea向亚太安全合作理事会（CSCAP）指导委员会提交一份提案，提请其审议设立“东北亚和平与合作研究小组”，以探讨减少本地区不确定性、促进地区合作的途径。通过组建东北亚地区合作研究小组，我们希望讨论可能的地区安全合作框架，以及可在该地区框架内处理或讨论的功能性议题。',
    ],
    principles: [
      {
        key: 'open',
        name: '开放（Open）',
        text: '第一，地区安全合作框架应当对本地区各国可能关心的任何议题保持“开放”（Open），范围从朝鲜半岛信任建立措施、缓和各类双边关系中的紧张局势、环境保护、打击跨国犯罪及其他非传统领域合作，直至核心军事安全问题。特别是，我们希望尝试客观公正地审视那些阻碍本地区地区合作发展的问题。我们愿意降低预期，看看在克服这些分歧性问题上能走多远。',
      },
      {
        key: 'plus',
        name: '加（Plus）',
        text: '第二，地区安全合作框架应当具有“加”（Plus）的特点，即我们的讨论也将向东北亚地区以外的国家开放。使地区合作更具多边性质的，是中立、公正的观察员的存在。我们希望积极邀请域外人士参与。特别是，考虑到朝鲜半岛局势的改善是地区安全最重要的因素之一，我们认为有必要在地区合作的背景下以新的视角审视这一问题。',
      },
    ],
    format: [
      '研究小组将在两年内举行四次会议，开展讨论并起草建议。建议将提交各成员国并予以分发。会议形式将保持灵活，以容纳不同的想法、方法和参与者。视讨论或对话的进展情况，可设立分组，围绕地区合作框架的组成部分，深入拟订具体的构想或议程。',
    ],
    objectives: [
      { label: 'a', text: '评估东北亚当前不安全的根源。' },
      { label: 'b', text: '分析化解东北亚当前战略不确定性的途径。' },
      { label: 'c', text: '阐明在本地区乃至更广范围内实现安全合作的途径，并推动就此形成共识。' },
      { label: 'd', text: '研究后续研究小组项目的可行性。' },
    ],
    anticipatedOutput: [
      'CSCAP在“建立信任”、“预防性外交”和“解决冲突”方面作出了重要贡献。在这些既有成就的基础上，我们希望配合东盟地区论坛（ARF）的使命继续向前推进，寻找更加具体、务实的方式方法，为本地区各国构建和平与安全。',
      '研究小组将在深入诊断东北亚当前战略环境的基础上，提出具体的政策建议。预期成果包括促进多边对话与合作的具体政策建议。搭建一个让一流实务工作者和学者共聚一堂、探讨地区合作最紧迫问题的思想交流平台，也将有助于本地区的互信建设。CSCAP-Korea计划于2019年10月在首尔举行第一次会议。中国、日本和美国将争取主办其余三次会议。',
    ],
    differsFromPrevious: [
      '以往的CSCAP研究小组在和平与安全问题上做了大量工作。然而，现有研究小组对东北亚硬安全问题的涉及尚不充分。现在是时候聚焦东北亚、凝聚各方力量，在关键议题领域进一步加强合作，并发掘新的合作领域。因此，“东北亚和平与合作研究小组”将致力于探讨以下具体问题：',
    ],
    keyQuestions: [
      { number: 1, text: '本地区安全结构的基本组成部分与其他地区有何不同？' },
      { number: 2, text: '哪些倡议和机制可能成为解决方案？' },
      { number: 3, text: '亚太国家在应对这些问题方面可以作出哪些贡献？' },
    ],
  },

  ja: {
    title: '北東アジアの平和と協力に関するスタディ・グループ',
    shortTitle: '北東アジアの平和と協力',
    introduction: [
      'CSCAP-Koreaは、北東アジアの現在の安全保障情勢が期待のみならず不確実性をもはらんでおり、それゆえ平和と安定を促進するための具体的な行動が求められていると認識している。韓国の韓昇洲（ハン・スンジュ）元外務部長官が北東アジアにおける「ミニCSCE（Mini-CSCE）」を提唱して以来、北東アジアおよび／または東アジアに多国間の地域協力制度を設けようとする試みが数多くなされてきたが、目に見える成果は上がっていない。ある意味で、著名な指導者たちの努力にもかかわらずこのように成功例が見られないことは、長く尾を引く歴史・領土問題、パワー・トランジション（力の移行）の状況、さらには差し迫った安全保障上の脅威を考えれば、異例なことではない。',
      'しかし逆説的ではあるが、こうした障害の負の影響が強いほど、域内諸国の安全と繁栄のために地域協力はますます必要となる。域内には、いずれか一国だけでは首尾よく対処できない現実の、および／または潜在的な脅威とリスクがあまりにも多く存在するからこそ、地域協力は不可欠なのである。地域協力の成功例がないからといって、加盟国、NGO、個々の研究者が再び挑戦することを断念してはならない。試みを重ねることで機運が高まり、やがて将来のある時点で、蓄積された機運が障害を乗り越え、想定しうるあらゆる障害に耐えうる強固な地域協力の基盤を我々にもたらすであろう。',
      'こうした背景の下、CSCAP-Koreaは、この地域の不確実性を低減し地域協力を促進する方策を探ることを目的として、「北東アジアの平和と協力に関するスタディ・グループ」の設置について検討を求める提案を、アジア太平洋安全保障協力会議（CSCAP）運営委員会に提出する。北東アジアにおける地域協力のためのスタディ・グループを組織することにより、我々は、ありうべき地域安全保障協力の枠組みとともに、その地域的枠組みの中で取り上げ、あるいは議論しうる機能的課題について議論したいと考える。',
    ],
    principles: [
      {
        key: 'open',
        name: 'オープン（Open）',
        text: '第一に、地域安全保障協力の枠組みは、朝鮮半島における信頼醸成措置、様々な二国間関係における緊張緩和、環境保護、国境を越える犯罪への対処その他の非伝統的分野における協力から、中核的な軍事安全保障問題に至るまで、域内諸国が関心を持ちうるあらゆる課題に対して「オープン（Open）」であるべきである。とりわけ我々は、この地域における地域協力の発展を阻んできた問題を公正に見つめ直す試みを行いたい。我々は期待の水準を下げ、こうした対立を生む問題の克服に向けてどこまで進めるかを見極めたい。',
      },
      {
        key: 'plus',
        name: 'プラス（Plus）',
        text: '第二に、地域安全保障協力の枠組みは、我々の議論が北東アジア域外の国々にも開かれているという意味において「プラス（Plus）」であるべきである。地域協力をより多国間的な性格のものとするのは、中立的かつ公平なオブザーバーの存在である。我々は域外からの参加者を積極的に招きたい。特に、朝鮮半島情勢の改善が地域の安全保障にとって最も重要な要素の一つであることを踏まえ、この問題を地域協力の文脈で捉え直す新たな試みが必要であると考える。',
      },
    ],
    format: [
      'スタディ・グループは、議論と提言の起草のため、2年間で4回の会合を開催する。提言は加盟国に提出され、回覧される。形式は、多様な考え方、アプローチ及び参加者を受け入れられるよう柔軟なものとする。議論や対話の進展に応じて、地域協力枠組みの構成要素として個別・具体的な構想や議題を練り上げるためのサブグループを設けることができる。',
    ],
    objectives: [
      { label: 'a', text: '北東アジアにおける現下の安全保障上の不安要因を評価すること。' },
      { label: 'b', text: '北東アジアにおける現下の戦略的不確実性を是正する方策を分析すること。' },
      { label: 'c', text: '地域全体及びその先に及ぶ安全保障協力を実現する方策を明確にし、それに関するコンセンサスを促進すること。' },
      { label: 'd', text: '後続のスタディ・グループ・プロジェクトの実現可能性を検討すること。' },
    ],
    anticipatedOutput: [
      'CSCAPは「信頼醸成」「予防外交」「紛争解決」に大きく貢献してきた。こうした過去の成果を踏まえ、我々は、域内諸国の平和と安全を築くためのより具体的かつ実践的な方途を見出すことにより、ASEAN地域フォーラム（ARF）の使命と歩調を合わせて前進したいと考える。',
      'スタディ・グループは、北東アジアの現在の戦略環境に関する詳細な分析に基づき、具体的な政策提言を作成する。期待される成果には、多国間の対話と協力を促進するための具体的な政策提言が含まれる。第一線の実務家と研究者が一堂に会し、地域協力にとって最も喫緊の課題を議論する知的な場を設けることは、域内の信頼醸成にも資するであろう。CSCAP-Koreaは2019年10月にソウルで第1回会合を開催する予定である。中国、日本及び米国は、残る3回の会合の主催を目指す。',
    ],
    differsFromPrevious: [
      'これまでのCSCAPスタディ・グループは、平和と安全保障の問題について相当の成果を上げてきた。しかし、現在のスタディ・グループは北東アジアのハード・セキュリティ問題を十分に扱っていない。今こそ北東アジアに焦点を当て、力を結集して主要な課題分野での協力を一層深めるとともに、新たな協力分野を見出すべき時である。そこで「北東アジアの平和と協力に関するスタディ・グループ」は、以下の具体的な課題に取り組む。',
    ],
    keyQuestions: [
      { number: 1, text: 'この地域の安全保障構造の基本的な構成要素は、他の地域とどのように異なるのか。' },
      { number: 2, text: 'いかなるイニシアティブやメカニズムが解決策となりうるか。' },
      { number: 3, text: 'これらの課題に対処するうえで、アジア太平洋諸国はいかなる貢献をなしうるか。' },
    ],
  },
};

/** The same texts in the rich-text form that the group's charter stores. */
export const seedCharterTexts: { en: CharterText; ko: CharterText; zh: CharterText; ja: CharterText } = {
  en: charterTextFromPlain(seedCharterPlain.en),
  ko: charterTextFromPlain(seedCharterPlain.ko),
  zh: charterTextFromPlain(seedCharterPlain.zh),
  ja: charterTextFromPlain(seedCharterPlain.ja),
};
